<#
.SYNOPSIS
  Build the Windows bundle and the per-user installer of 执法文书助手 (wenshu).

.DESCRIPTION
  Run from any folder on a Windows 10/11 x64 PC with Python 3.11 (python.org, "py" launcher) and
  Inno Setup 6 installed. Steps:
    1. packaging\build.py: creates .venv-build, installs the runtime and build dependencies,
       runs PyInstaller on packaging\wenshu.spec (dist\wenshu\wenshu.exe + wenshu-gui.exe), then
       smoke-tests the frozen program with a clean environment.
    2. ISCC packaging\windows\wenshu.iss -> dist\installer\wenshu-setup-<version>.exe

.EXAMPLE
  powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
#>
[CmdletBinding()]
param(
    [string]$Python = "py -3.11",
    [string]$Iscc = "",
    [switch]$SkipInstaller
)
$ErrorActionPreference = "Stop"
$Root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $Root

# The version comes from pyproject.toml, so the installer and the package never disagree.
$Version = (Select-String -Path "pyproject.toml" -Pattern '^version\s*=\s*"([^"]+)"').Matches[0].Groups[1].Value
Write-Host "[build] wenshu $Version"

$pyExe, $pyArgs = $Python.Split(" ", 2)
& $pyExe $pyArgs packaging\build.py
if ($LASTEXITCODE -ne 0) { throw "packaging\build.py failed (exit $LASTEXITCODE); see the JSON report above." }

if ($SkipInstaller) { return }

if (-not $Iscc) {
    $candidates = @(
        "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe",
        "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
        "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe"
    )
    $Iscc = $candidates | Where-Object { Test-Path $_ } | Select-Object -First 1
}
if (-not $Iscc) { throw "Inno Setup 6 (ISCC.exe) not found: install it or pass -Iscc <path>." }

& $Iscc "/DAppVersion=$Version" "/DDistDir=$Root\dist\wenshu" "packaging\windows\wenshu.iss"
if ($LASTEXITCODE -ne 0) { throw "ISCC failed (exit $LASTEXITCODE)." }
Get-ChildItem "dist\installer\wenshu-setup-$Version.exe" | Format-Table Name, Length

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
.EXAMPLE
  powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1 -Python "C:\Program Files\Python311\python.exe"
#>
[CmdletBinding()]
param(
    # The full path of python.exe (spaces are fine); empty: the "py -3.11" launcher, else python on PATH.
    [string]$Python = "",
    [string]$Iscc = "",
    [switch]$SkipInstaller
)
$ErrorActionPreference = "Stop"

# Windows PowerShell 5.1 decodes a program's output with the console code page (936 on a Chinese
# Windows) and writes redirected text as UTF-16: wenshu and build.py print UTF-8, so say so.
[Console]::OutputEncoding = [System.Text.UTF8Encoding]::new($false)
$OutputEncoding = [System.Text.UTF8Encoding]::new($false)
$env:PYTHONIOENCODING = "utf-8"
$Root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $Root

# The version comes from pyproject.toml, so the installer and the package never disagree.
$Version = (Select-String -Path "pyproject.toml" -Pattern '^version\s*=\s*"([^"]+)"').Matches[0].Groups[1].Value
Write-Host "[build] wenshu $Version"

# The interpreter is one path, never split on spaces ("C:\Program Files\Python311\python.exe").
$pyArgs = @()
if ($Python) {
    if (-not (Test-Path -LiteralPath $Python -PathType Leaf)) { throw "Python not found: $Python" }
    $pyExe = $Python
} elseif (Get-Command py -ErrorAction SilentlyContinue) {
    $pyExe = "py"; $pyArgs = @("-3.11")
} else {
    $pyExe = "python"
}
$report = & $pyExe @pyArgs packaging\build.py
$code = $LASTEXITCODE
$report
# the JSON report as UTF-8 (PowerShell 5.1's ">" would write UTF-16; Tee-Object has no -Encoding there)
New-Item -ItemType Directory -Force -Path "dist" | Out-Null
[System.IO.File]::WriteAllLines((Join-Path $Root "dist\build-report.json"), [string[]]$report, [System.Text.UTF8Encoding]::new($false))
if ($code -ne 0) { throw "packaging\build.py failed (exit $code); see the JSON report above." }

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

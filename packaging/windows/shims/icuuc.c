/* Wine 8.0 has no system ICU (Windows 10 1703+ ships icuuc.dll). Qt6Core.dll >= 6.10 imports only the
   ucnv_* converter API from it: every converter fails to open and Qt uses its built-in codecs. */
#include <stddef.h>
#include <stdint.h>
typedef int UErrorCode;
static void fail(UErrorCode *e) { if (e && *e <= 0) *e = 16; /* U_UNSUPPORTED_ERROR */ }
#define X __declspec(dllexport)
X void *ucnv_open(const char *n, UErrorCode *e) { fail(e); return NULL; }
X void ucnv_close(void *c) {}
X void ucnv_reset(void *c) {}
X int8_t ucnv_getMaxCharSize(const void *c) { return 4; }
X const char *ucnv_getName(const void *c, UErrorCode *e) { fail(e); return NULL; }
X void ucnv_getToUCallBack(const void *c, void **a, const void **b) { if (a) *a = NULL; if (b) *b = NULL; }
X void ucnv_getFromUCallBack(const void *c, void **a, const void **b) { if (a) *a = NULL; if (b) *b = NULL; }
X void ucnv_setToUCallBack(void *c, void *n, const void *x, void **o, const void **ox, UErrorCode *e) { fail(e); }
X void ucnv_setFromUCallBack(void *c, void *n, const void *x, void **o, const void **ox, UErrorCode *e) { fail(e); }
X void ucnv_cbToUWriteUChars(void *a, const void *s, int32_t n, int32_t o, UErrorCode *e) { fail(e); }
X void ucnv_cbFromUWriteUChars(void *a, const void **s, const void *l, int32_t o, UErrorCode *e) { fail(e); }
X void ucnv_toUnicode(void *c, void **t, const void *tl, const char **s, const char *sl, int32_t *o, int8_t f, UErrorCode *e) { fail(e); }
X void ucnv_fromUnicode(void *c, char **t, const char *tl, const void **s, const void *sl, int32_t *o, int8_t f, UErrorCode *e) { fail(e); }
X int32_t ucnv_toUCountPending(const void *c, UErrorCode *e) { fail(e); return 0; }
X int32_t ucnv_fromUCountPending(const void *c, UErrorCode *e) { fail(e); return 0; }
X const char *ucnv_getStandardName(const char *n, const char *s, UErrorCode *e) { fail(e); return NULL; }
X const char *ucnv_getAvailableName(int32_t i) { return NULL; }
X int32_t ucnv_countAvailable(void) { return 0; }
X void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *c, void *a, const void *u, int32_t l, int32_t cp, int r, UErrorCode *e) {}
X void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *c, void *a, const char *b, int32_t l, int r, UErrorCode *e) {}

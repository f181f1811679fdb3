/* Test-rig stand-in for Windows 10's system icuuc.dll, which Wine 8 lacks.
 *
 * PySide6's Qt6Core.dll imports about 20 ICU converter functions from it. This stand-in exports
 * them and reports that no converter exists, so Qt falls back to its built-in codecs. It is used
 * only by packaging/windows/rig.py under Wine and is never part of what ships: a real Windows
 * 10/11 has the real DLL. */
#include <stddef.h>

#define EXPORT __declspec(dllexport)
enum { U_FILE_ACCESS_ERROR = 4 };

EXPORT void *ucnv_open(const char *name, int *err) {
    (void)name;
    if (err) *err = U_FILE_ACCESS_ERROR;
    return NULL;
}
EXPORT int ucnv_countAvailable(void) { return 0; }
EXPORT const char *ucnv_getAvailableName(int n) { (void)n; return NULL; }
EXPORT const char *ucnv_getStandardName(const char *name, const char *std, int *err) {
    (void)name; (void)std;
    if (err) *err = U_FILE_ACCESS_ERROR;
    return NULL;
}
/* Never reached with a real converter (ucnv_open never returns one); they only satisfy the
 * import table. */
EXPORT void ucnv_close(void *c) { (void)c; }
EXPORT void ucnv_reset(void *c) { (void)c; }
EXPORT int ucnv_getMaxCharSize(void *c) { (void)c; return 1; }
EXPORT const char *ucnv_getName(void *c, int *err) { (void)c; if (err) *err = U_FILE_ACCESS_ERROR; return NULL; }
EXPORT void ucnv_getToUCallBack(void) {}
EXPORT void ucnv_getFromUCallBack(void) {}
EXPORT void ucnv_setToUCallBack(void) {}
EXPORT void ucnv_setFromUCallBack(void) {}
EXPORT void ucnv_cbToUWriteUChars(void) {}
EXPORT void ucnv_cbFromUWriteUChars(void) {}
EXPORT void ucnv_toUnicode(void) {}
EXPORT void ucnv_fromUnicode(void) {}
EXPORT int ucnv_toUCountPending(void) { return 0; }
EXPORT int ucnv_fromUCountPending(void) { return 0; }
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(void) {}
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(void) {}

/* Test-rig stand-in for Windows 10's bcryptprimitives.dll, which Wine 8 lacks.
 *
 * cryptography's Rust extension imports ProcessPrng from it. This forwards to RtlGenRandom
 * (advapi32's SystemFunction036), which Wine has. Used only by packaging/windows/rig.py under
 * Wine; never shipped: a real Windows 10/11 has the real DLL. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}

/* Shared by the interpreter benchmark kernels: no libc, one exported entry
 * point `run`, and the two memory routines the compiler may call. */
#define EXPORT(name) __attribute__((export_name(name)))
void *memset(void *d, int c, unsigned long n) { unsigned char *p = d; while (n--) *p++ = (unsigned char)c; return d; }
void *memcpy(void *d, const void *s, unsigned long n) { unsigned char *p = d; const unsigned char *q = s; while (n--) *p++ = *q++; return d; }

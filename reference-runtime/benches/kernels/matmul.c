/* Dense double-precision matrix multiply, n x n (n <= 512): float
 * arithmetic and strided loads. Returns the trace as a checksum. */
#include "kernel.h"
#define MAX 512
static double a[MAX * MAX], b[MAX * MAX], c[MAX * MAX];
EXPORT("run") double run(int n) {
    if (n > MAX) n = MAX;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            a[i * n + j] = (double)(i + j) / n;
            b[i * n + j] = (double)(i - j) / n;
        }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            double sum = 0;
            for (int k = 0; k < n; k++) sum += a[i * n + k] * b[k * n + j];
            c[i * n + j] = sum;
        }
    double trace = 0;
    for (int i = 0; i < n; i++) trace += c[i * n + i];
    return trace;
}

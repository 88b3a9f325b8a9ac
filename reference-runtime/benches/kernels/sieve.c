/* Byte sieve of Eratosthenes: loads, stores and branches over 10 MB.
 * run(10000000) = 664579 primes. */
#include "kernel.h"
#define LIMIT 10000000
static unsigned char composite[LIMIT + 1];
EXPORT("run") int run(int n) {
    if (n > LIMIT) n = LIMIT;
    for (int i = 0; i <= n; i++) composite[i] = 0;
    int count = 0;
    for (int i = 2; i <= n; i++) {
        if (composite[i]) continue;
        count++;
        for (long long j = (long long)i * i; j <= n; j += i) composite[j] = 1;
    }
    return count;
}

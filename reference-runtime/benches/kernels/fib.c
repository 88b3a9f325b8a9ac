/* Recursive Fibonacci: calls and returns dominate. run(35) = 9227465. */
#include "kernel.h"
static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
EXPORT("run") int run(int n) { return fib(n); }

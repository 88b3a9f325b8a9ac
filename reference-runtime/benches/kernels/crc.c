/* Bitwise CRC-32 (no table) over a 1 MiB buffer, `rounds` times: integer
 * shifts, xors and tight loops. */
#include "kernel.h"
#define SIZE (1 << 20)
static unsigned char data[SIZE];
EXPORT("run") unsigned run(int rounds) {
    unsigned seed = 12345;
    for (int i = 0; i < SIZE; i++) { seed = seed * 1103515245u + 12345u; data[i] = (unsigned char)(seed >> 16); }
    unsigned crc = 0xffffffffu;
    for (int r = 0; r < rounds; r++)
        for (int i = 0; i < SIZE; i++) {
            crc ^= data[i];
            for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
        }
    return ~crc;
}

/* Memory for binary reads: every byte value, a buffer larger than one
 * packet, and readable bytes that end at an unmapped page. */
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

unsigned char every_byte[256];
unsigned char large[1 << 20];
unsigned char *before_hole;

void checkpoint(void) {}

int main(void) {
  for (int i = 0; i < 256; ++i)
    every_byte[i] = (unsigned char)i;
  for (unsigned i = 0; i < sizeof(large); ++i)
    large[i] = (unsigned char)(i * 7 + (i >> 11));
  long page = sysconf(_SC_PAGESIZE);
  unsigned char *pages = mmap(0, 2 * page, PROT_READ | PROT_WRITE,
                              MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  munmap(pages + page, page);
  before_hole = pages + page - 16;
  for (int i = 0; i < 16; ++i)
    before_hole[i] = (unsigned char)('a' + i);
  checkpoint();
  return 0;
}

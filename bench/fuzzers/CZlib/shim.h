// zlib for the fuzz builds (the package gets this module from ZIPFoundation; swiftc alone does not).
#include <zlib.h>

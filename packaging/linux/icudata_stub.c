/* An empty ICU data library: replaces Qt's 31 MB libicudata.so.NN in the Linux bundle.
 *
 * Qt links ICU (libicuuc, libicui18n), and they link libicudata, which holds ICU's locale,
 * collation and codepage tables. The kiosk uses none of them: text shaping is HarfBuzz, line
 * breaking and case mapping use tables compiled into Qt and libicuuc. build.spec compiles this
 * file with -DICU_VERSION=NN into libicudata.so.NN. With it, ICU calls that need data (QCollator,
 * legacy text codecs) fail cleanly with an error code instead of finding data.
 * The layout is ICU's own stub data (icu4c/source/stubdata/stubdata.cpp): a table of contents
 * with no entries.
 */
#include <stdint.h>

#define JOIN2(a, b) a##b
#define JOIN(a, b) JOIN2(a, b)
#define ENTRY_POINT JOIN(JOIN(icudt, ICU_VERSION), _dat)

typedef struct {
    uint16_t size;
    uint16_t reservedWord;
    uint8_t isBigEndian;
    uint8_t charsetFamily;
    uint8_t sizeofUChar;
    uint8_t reservedByte;
    uint8_t dataFormat[4];
    uint8_t formatVersion[4];
    uint8_t dataVersion[4];
} DataInfo;

typedef struct {
    uint16_t headerSize;
    uint8_t magic1;
    uint8_t magic2;
    DataInfo info;
    char padding[8];
    uint32_t count;
    uint32_t reserved;
    struct {
        const char *name;
        const void *data;
    } toc[1];
} DataHeader;

__attribute__((visibility("default"))) const DataHeader ENTRY_POINT = {
    32, 0xda, 0x27,
    {sizeof(DataInfo), 0, 0 /* little endian */, 0 /* ASCII family */, 2 /* sizeof(UChar) */, 0,
     {0x54, 0x6f, 0x43, 0x50} /* "ToCP" */, {1, 0, 0, 0}, {0, 0, 0, 0}},
    {0, 0, 0, 0, 0, 0, 0, 0},
    0, 0,
    {{0, 0}},
};

#include "CNewsqICU.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

// --- Traditional to simplified: a generated table ------------------------------------------
//
// The pairs come from ICU's "Traditional-Simplified" transform (scripts/gen-han-table). They are
// committed rather than computed at start-up: opening the transform costs ~50 ms per process,
// and a fixed table folds Chinese identically whatever ICU version a machine has, so an index
// built on one machine matches queries typed on another.

#include "han_simplified_pairs.h"

enum { HAN_TABLE_FIRST = 0x3400, HAN_TABLE_LAST = 0x9FFF };
static uint16_t simplified[HAN_TABLE_LAST - HAN_TABLE_FIRST + 1];
static pthread_once_t simplifiedOnce = PTHREAD_ONCE_INIT;

static void build_simplified_table(void) {
    const int32_t count = HAN_TABLE_LAST - HAN_TABLE_FIRST + 1;
    for (int32_t i = 0; i < count; i++) simplified[i] = (uint16_t)(HAN_TABLE_FIRST + i);
    const size_t pairs = sizeof han_simplified_pairs / sizeof han_simplified_pairs[0];
    for (size_t i = 0; i < pairs; i++) {
        simplified[han_simplified_pairs[i][0] - HAN_TABLE_FIRST] = han_simplified_pairs[i][1];
    }
}

uint32_t nq_simplified_han(uint32_t codePoint) {
    if (codePoint < HAN_TABLE_FIRST || codePoint > HAN_TABLE_LAST) return codePoint;
    pthread_once(&simplifiedOnce, build_simplified_table);
    return simplified[codePoint - HAN_TABLE_FIRST];
}

// --- Folding one token -------------------------------------------------------------------

struct NQFolder {
    const UNormalizer2 *nfkcCasefold;
    const UNormalizer2 *nfd;
    const UNormalizer2 *nfc;
    UChar *buffer[2];
    int32_t capacity;
};

NQFolder *nq_folder_create(void) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *nfkcCasefold = unorm2_getNFKCCasefoldInstance(&status);
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&status);
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
    if (U_FAILURE(status)) return NULL;
    NQFolder *folder = calloc(1, sizeof(NQFolder));
    if (folder == NULL) return NULL;
    folder->nfkcCasefold = nfkcCasefold;
    folder->nfd = nfd;
    folder->nfc = nfc;
    pthread_once(&simplifiedOnce, build_simplified_table);
    return folder;
}

void nq_folder_destroy(NQFolder *folder) {
    if (folder == NULL) return;
    free(folder->buffer[0]);
    free(folder->buffer[1]);
    free(folder);
}

// Grows both work buffers to hold `units` UTF-16 code units, keeping their contents.
static int reserve(NQFolder *folder, int32_t units) {
    if (units <= folder->capacity) return 1;
    int32_t capacity = units < 64 ? 64 : units * 2;
    for (int i = 0; i < 2; i++) {
        UChar *grown = realloc(folder->buffer[i], sizeof(UChar) * (size_t)capacity);
        if (grown == NULL) return 0;
        folder->buffer[i] = grown;
    }
    folder->capacity = capacity;
    return 1;
}

static int has_accentable_letters(const UChar *text, int32_t length) {
    for (int32_t i = 0; i < length; i++) {
        UChar c = text[i];
        // Latin-1 Supplement to Cyrillic, and Latin Extended Additional (Vietnamese).
        if ((c >= 0x00C0 && c <= 0x04FF) || (c >= 0x1E00 && c <= 0x1EFF)) return 1;
    }
    return 0;
}

// Normalizes buffer[from] into the other buffer; returns the new length, or -1 on failure.
static int32_t normalize_into_other(NQFolder *folder, const UNormalizer2 *normalizer, int from, int32_t length) {
    for (;;) {
        UErrorCode status = U_ZERO_ERROR;
        int32_t written = unorm2_normalize(normalizer, folder->buffer[from], length,
                                           folder->buffer[1 - from], folder->capacity, &status);
        if (status == U_BUFFER_OVERFLOW_ERROR) {
            if (!reserve(folder, written + 1)) return -1;
            continue;
        }
        if (U_FAILURE(status)) return -1;
        return written;
    }
}

int32_t nq_fold(NQFolder *folder, const char *input, int32_t length, char *output, int32_t capacity) {
    if (length < 0) return INT32_MIN;
    // A UTF-8 byte never yields more than one UTF-16 unit.
    if (!reserve(folder, length + 16)) return INT32_MIN;
    UErrorCode status = U_ZERO_ERROR;
    int32_t units = 0;
    u_strFromUTF8WithSub(folder->buffer[0], folder->capacity, &units, input, length, 0xFFFD, NULL, &status);
    if (U_FAILURE(status)) return INT32_MIN;

    int current = 1;
    int32_t currentLength = normalize_into_other(folder, folder->nfkcCasefold, 0, units);
    if (currentLength < 0) return INT32_MIN;

    if (has_accentable_letters(folder->buffer[current], currentLength)) {
        int32_t decomposedLength = normalize_into_other(folder, folder->nfd, current, currentLength);
        if (decomposedLength < 0) return INT32_MIN;
        UChar *decomposed = folder->buffer[1 - current];
        int32_t kept = 0;
        for (int32_t i = 0; i < decomposedLength; i++) {
            UChar c = decomposed[i];
            if (c >= 0x0300 && c <= 0x036F) continue;  // combining diacritical marks
            decomposed[kept++] = c;
        }
        currentLength = normalize_into_other(folder, folder->nfc, 1 - current, kept);
        if (currentLength < 0) return INT32_MIN;
    }

    UChar *text = folder->buffer[current];
    for (int32_t i = 0; i < currentLength; i++) {
        UChar c = text[i];
        if (c >= HAN_TABLE_FIRST && c <= HAN_TABLE_LAST) text[i] = simplified[c - HAN_TABLE_FIRST];
    }

    int32_t written = 0;
    status = U_ZERO_ERROR;
    u_strToUTF8WithSub(output, capacity, &written, text, currentLength, 0xFFFD, NULL, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) return -written;
    if (U_FAILURE(status)) return INT32_MIN;
    return written;
}

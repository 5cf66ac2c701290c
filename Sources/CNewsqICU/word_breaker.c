#include "CNewsqICU.h"

#include <stdlib.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

struct NQWordBreaker {
    UBreakIterator *iterator;
    UText *text;
    int32_t previous;
};

NQWordBreaker *nq_word_breaker_create(void) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *iterator = ubrk_open(UBRK_WORD, "", NULL, 0, &status);
    if (U_FAILURE(status)) return NULL;
    NQWordBreaker *breaker = calloc(1, sizeof(NQWordBreaker));
    if (breaker == NULL) {
        ubrk_close(iterator);
        return NULL;
    }
    breaker->iterator = iterator;
    return breaker;
}

void nq_word_breaker_destroy(NQWordBreaker *breaker) {
    if (breaker == NULL) return;
    ubrk_close(breaker->iterator);
    if (breaker->text != NULL) utext_close(breaker->text);
    free(breaker);
}

int32_t nq_word_breaker_set_text(NQWordBreaker *breaker, const char *text, int32_t length) {
    UErrorCode status = U_ZERO_ERROR;
    // Reusing the UText avoids an allocation per document; utext_openUTF8 keeps native
    // indexes in UTF-8 bytes, which are exactly the offsets FTS5 wants.
    breaker->text = utext_openUTF8(breaker->text, text, length, &status);
    if (U_FAILURE(status)) return (int32_t)status;
    ubrk_setUText(breaker->iterator, breaker->text, &status);
    if (U_FAILURE(status)) return (int32_t)status;
    breaker->previous = ubrk_first(breaker->iterator);
    return 0;
}

int32_t nq_word_breaker_next(NQWordBreaker *breaker, int32_t *start, int32_t *end, int32_t *kind) {
    for (;;) {
        int32_t boundary = ubrk_next(breaker->iterator);
        if (boundary == UBRK_DONE) return 0;
        int32_t from = breaker->previous;
        breaker->previous = boundary;
        int32_t rule = ubrk_getRuleStatus(breaker->iterator);
        *start = from;
        *end = boundary;
        if (rule < UBRK_WORD_NONE_LIMIT) {
            UChar32 first = utext_char32At(breaker->text, from);
            if (first == 0x25CB) {  // ○ in 二○○○年
                *kind = NQ_WORD_IDEOGRAPHIC;
                return 1;
            }
            if (first == 0x25 || first == 0xFF05 || first == 0x2030) {
                *kind = NQ_WORD_UNIT;
                return 1;
            }
            continue;
        }
        if (rule < UBRK_WORD_NUMBER_LIMIT) *kind = NQ_WORD_NUMBER;
        else if (rule < UBRK_WORD_LETTER_LIMIT) *kind = NQ_WORD_LETTER;
        else if (rule < UBRK_WORD_KANA_LIMIT) *kind = NQ_WORD_KANA;
        else *kind = NQ_WORD_IDEOGRAPHIC;
        return 1;
    }
}

int32_t nq_word_breaker_next_segment(NQWordBreaker *breaker, int32_t *start, int32_t *end) {
    int32_t boundary = ubrk_next(breaker->iterator);
    if (boundary == UBRK_DONE) return 0;
    *start = breaker->previous;
    *end = boundary;
    breaker->previous = boundary;
    return 1;
}

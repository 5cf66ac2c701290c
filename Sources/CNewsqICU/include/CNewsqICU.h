#ifndef CNEWSQ_ICU_H
#define CNEWSQ_ICU_H

// Only <stdint.h> types cross this boundary: ICU's own headers stay inside the .c files,
// because ICU renames its symbols with a version suffix and clashes with Foundation's ICU.

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// What kind of word a segment is, from ICU's word-break rule status.
enum {
    NQ_WORD_NUMBER = 1,
    NQ_WORD_LETTER = 2,
    NQ_WORD_KANA = 3,
    NQ_WORD_IDEOGRAPHIC = 4,
    /// A unit sign that belongs to a number: `%`, `％`, `‰`.
    NQ_WORD_UNIT = 5,
};

/// An ICU word-break iterator over UTF-8 text. Not thread-safe: one per thread.
typedef struct NQWordBreaker NQWordBreaker;

/// Creates a word breaker (root locale: ICU's dictionary segments Chinese and Japanese).
/// Returns NULL when ICU cannot create one.
NQWordBreaker *nq_word_breaker_create(void);
void nq_word_breaker_destroy(NQWordBreaker *breaker);

/// Points the breaker at `text` (not copied: it must outlive the iteration).
/// Returns 0 on success, an ICU error code otherwise.
int32_t nq_word_breaker_set_text(NQWordBreaker *breaker, const char *text, int32_t length);

/// Moves to the next word-like segment (numbers, letters, kana, ideographs; spaces, punctuation
/// and symbols are skipped, except unit signs and `○`, which Chinese text writes for zero and
/// which counts as ideographic). Fills byte offsets into the text and the segment's kind.
/// Returns 1 when a segment was found, 0 at the end of the text.
int32_t nq_word_breaker_next(NQWordBreaker *breaker, int32_t *start, int32_t *end, int32_t *kind);

/// Moves to the next segment of any kind, punctuation and spaces included (for measuring the
/// segmentation itself). Returns 1 when a segment was found, 0 at the end of the text.
int32_t nq_word_breaker_next_segment(NQWordBreaker *breaker, int32_t *start, int32_t *end);

/// Folds tokens to their search form. Not thread-safe: one per thread.
typedef struct NQFolder NQFolder;

NQFolder *nq_folder_create(void);
void nq_folder_destroy(NQFolder *folder);

/// Folds one UTF-8 token: NFKC case folding (full-width to ASCII, `ß` to `ss`), Latin, Greek and
/// Cyrillic diacritics removed, traditional Han characters mapped to simplified.
/// Writes UTF-8 to `output` and returns its length; returns -(needed capacity) when `capacity`
/// is too small, or INT32_MIN when ICU fails.
int32_t nq_fold(NQFolder *folder, const char *input, int32_t length, char *output, int32_t capacity);

/// Maps one code point from traditional to simplified Chinese (itself when it has no mapping).
/// Thread-safe. The mapping is ICU's Traditional-Simplified transform, one character at a time.
uint32_t nq_simplified_han(uint32_t codePoint);

#ifdef __cplusplus
}
#endif

#endif

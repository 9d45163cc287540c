//! Subheadings and the shapes they are told apart from: prose (a sentence
//! or a long line) and quotations.

use super::typography::longer_than;

/// Sentence-final punctuation, also after a closing quote.
fn ends_like_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(['”', '"', '’', '»', ')', ' ']);
    t.ends_with(['.', '!', '?', '…', ';', ':', ','])
}

/// Prose: a line ending like a sentence, or too long for anything else.
pub fn is_prose(text: &str) -> bool {
    ends_like_sentence(text) || longer_than(text, 160)
}

/// The shape of a subheading: 2–15 words, at most 120 characters, no
/// sentence-final punctuation, opening with a capital, a digit or a quote.
/// "Đẩy mạnh cải cách hành chính", "Hiệu quả từ “5 rõ”". Whether it *is*
/// one depends on standing between paragraphs (the caller's rule).
pub fn looks_like_heading(text: &str) -> bool {
    // Most lines are long prose: the cheap test first.
    if longer_than(text, 120) {
        return false;
    }
    let words = text.split_whitespace().count();
    let opens = text
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '“' | '"'));
    (2..=15).contains(&words) && opens && !ends_like_sentence(text)
}

/// A quotation standing as its own paragraph: “…” (the closing quote is the
/// first one, so "“A” và “B”" is not a single quotation).
pub fn is_quotation(text: &str) -> bool {
    let Some(inner) = text.strip_prefix('“') else {
        return false;
    };
    let inner = inner.trim_end_matches(['.', '!', '?', '…']);
    inner
        .find('”')
        .is_some_and(|i| i + '”'.len_utf8() == inner.len())
        && inner.chars().count() > 20
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_subheadings_have_the_shape() {
        for h in [
            "Đã hoàn thành tốt nhiều nhiệm vụ",
            "Tập trung giải quyết 4 vấn đề",
            "Thực hiện 6 nhiệm vụ trọng tâm",
            "Hiệu quả từ “5 rõ”",
            "Đẩy mạnh cải cách hành chính",
        ] {
            assert!(looks_like_heading(h), "{h}");
            assert!(!is_prose(h), "{h}");
        }
    }

    #[test]
    fn sentences_and_intros_are_not_headings() {
        assert!(!looks_like_heading("Toàn cảnh Hội nghị."));
        assert!(!looks_like_heading("Chủ đề Đại hội là:"));
        assert!(!looks_like_heading("Quận"));
        assert!(is_prose("Nhân dân đồng tình với “nhiệm vụ kép”."));
        assert!(is_prose("Chủ đề Đại hội là:"));
    }

    #[test]
    fn quotations() {
        assert!(is_quotation(
            "“Đoàn kết, đoàn kết, đại đoàn kết. Thành công, thành công, đại thành công”."
        ));
        assert!(!is_quotation(
            "“5 rõ” và “một việc, một đầu mối xuyên suốt”"
        ));
        assert!(!is_quotation("Chủ đề: “Đoàn kết”"));
    }
}

//! Legacy Vietnamese encodings: TCVN3 (ABC) and VNI-Windows, and the
//! scoring that tells them from Windows-1258.
//!
//! TCVN3 and VNI are font encodings: a file in them is valid Windows-1252
//! bytes that only look Vietnamese in the right font. Nothing in the bytes
//! says which one it is, so `decode_legacy` decodes the sample each way and
//! keeps the reading with the largest share of real Vietnamese syllables.
//!
//! Tables: TCVN 5712:1993 VN3 ("ABC") and VNI-Windows as published by the
//! converters Vietnamese offices use (UniKey, VietUni); cross-checked against
//! two independent published mappings. Written here from those facts.

use unicode_normalization::UnicodeNormalization;

/// Bytes scored per candidate: enough words to decide, cheap on a 20 MB file.
const SAMPLE: usize = 64 * 1024;

/// Below this share of valid syllables no Vietnamese reading is believed,
/// and the generic detector (chardetng) decides instead.
const MIN_SCORE: f64 = 0.5;

/// TCVN3 (ABC, VN3): the byte's letter, for the bytes the table assigns.
/// TCVN3 has no capital toned letters of its own (capitals came from a
/// separate font on the same codes), so those read as small letters here and
/// `tcvn3_decode` restores capitals on all-capital lines.
fn tcvn3(b: u8) -> Option<char> {
    Some(match b {
        0xA1 => 'Ă',
        0xA2 => 'Â',
        0xA3 => 'Ê',
        0xA4 => 'Ô',
        0xA5 => 'Ơ',
        0xA6 => 'Ư',
        0xA7 => 'Đ',
        0xA8 => 'ă',
        0xA9 => 'â',
        0xAA => 'ê',
        0xAB => 'ô',
        0xAC => 'ơ',
        0xAD => 'ư',
        0xAE => 'đ',
        0xB5 => 'à',
        0xB6 => 'ả',
        0xB7 => 'ã',
        0xB8 => 'á',
        0xB9 => 'ạ',
        0xBB => 'ằ',
        0xBC => 'ẳ',
        0xBD => 'ẵ',
        0xBE => 'ắ',
        0xC6 => 'ặ',
        0xC7 => 'ầ',
        0xC8 => 'ẩ',
        0xC9 => 'ẫ',
        0xCA => 'ấ',
        0xCB => 'ậ',
        0xCC => 'è',
        0xCE => 'ẻ',
        0xCF => 'ẽ',
        0xD0 => 'é',
        0xD1 => 'ẹ',
        0xD2 => 'ề',
        0xD3 => 'ể',
        0xD4 => 'ễ',
        0xD5 => 'ế',
        0xD6 => 'ệ',
        0xD7 => 'ì',
        0xD8 => 'ỉ',
        0xDC => 'ĩ',
        0xDD => 'í',
        0xDE => 'ị',
        0xDF => 'ò',
        0xE1 => 'ỏ',
        0xE2 => 'õ',
        0xE3 => 'ó',
        0xE4 => 'ọ',
        0xE5 => 'ồ',
        0xE6 => 'ổ',
        0xE7 => 'ỗ',
        0xE8 => 'ố',
        0xE9 => 'ộ',
        0xEA => 'ờ',
        0xEB => 'ở',
        0xEC => 'ỡ',
        0xED => 'ớ',
        0xEE => 'ợ',
        0xEF => 'ù',
        0xF1 => 'ủ',
        0xF2 => 'ũ',
        0xF3 => 'ú',
        0xF4 => 'ụ',
        0xF5 => 'ừ',
        0xF6 => 'ử',
        0xF7 => 'ữ',
        0xF8 => 'ứ',
        0xF9 => 'ự',
        0xFA => 'ỳ',
        0xFB => 'ỷ',
        0xFC => 'ỹ',
        0xFD => 'ý',
        0xFE => 'ỵ',
        _ => return None,
    })
}

/// Decode TCVN3: table letters, Windows-1252 for every other byte (quotes
/// and dashes typed in Word land there).
pub fn tcvn3_decode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        let caps = is_capital_line(line);
        for &b in line {
            match tcvn3(b) {
                Some(c) if caps => out.extend(c.to_uppercase()),
                Some(c) => out.push(c),
                None => out.push(cp1252(b)),
            }
        }
    }
    out
}

/// A line typed in the capitals font: its ASCII letters are (nearly) all
/// capitals ("§¶NG Bé QUËN" is "ĐẢNG BỘ QUẬN").
fn is_capital_line(line: &[u8]) -> bool {
    let upper = line.iter().filter(|b| b.is_ascii_uppercase()).count();
    let lower = line.iter().filter(|b| b.is_ascii_lowercase()).count();
    upper >= 3 && lower * 10 <= upper
}

fn cp1252(b: u8) -> char {
    let (t, _, _) = encoding_rs::WINDOWS_1252.decode(std::slice::from_ref(&b));
    t.chars().next().unwrap_or('\u{FFFD}')
}

const GRAVE: char = '\u{300}';
const ACUTE: char = '\u{301}';
const CIRCUMFLEX: char = '\u{302}';
const TILDE: char = '\u{303}';
const BREVE: char = '\u{306}';
const HOOK: char = '\u{309}';
const DOT: char = '\u{323}';

/// VNI-Windows marks: a byte after a vowel that adds diacritics to it
/// ("oá" is "ố"). Small and capital forms differ by 0x20, as in Latin-1.
fn vni_marks(c: char) -> Option<&'static [char]> {
    Some(match c.to_lowercase().next().unwrap_or(c) {
        'ø' => &[GRAVE],
        'ù' => &[ACUTE],
        'û' => &[HOOK],
        'õ' => &[TILDE],
        'ï' => &[DOT],
        'â' => &[CIRCUMFLEX],
        'á' => &[CIRCUMFLEX, ACUTE],
        'à' => &[CIRCUMFLEX, GRAVE],
        'å' => &[CIRCUMFLEX, HOOK],
        'ã' => &[CIRCUMFLEX, TILDE],
        'ä' => &[CIRCUMFLEX, DOT],
        'ê' => &[BREVE],
        'é' => &[BREVE, ACUTE],
        'è' => &[BREVE, GRAVE],
        'ú' => &[BREVE, HOOK],
        'ü' => &[BREVE, TILDE],
        'ë' => &[BREVE, DOT],
        _ => return None,
    })
}

/// VNI-Windows letters that stand alone (i with tones, ỵ, đ, ơ, ư).
fn vni_letter(c: char) -> Option<char> {
    Some(match c {
        'ì' => 'ì',
        'í' => 'í',
        'ó' => 'ĩ',
        'æ' => 'ỉ',
        'ò' => 'ị',
        'î' => 'ỵ',
        'ñ' => 'đ',
        'ô' => 'ơ',
        'ö' => 'ư',
        'Ì' => 'Ì',
        'Í' => 'Í',
        'Ó' => 'Ĩ',
        'Æ' => 'Ỉ',
        'Ò' => 'Ị',
        'Î' => 'Ỵ',
        'Ñ' => 'Đ',
        'Ô' => 'Ơ',
        'Ö' => 'Ư',
        _ => return None,
    })
}

/// Decode VNI-Windows to NFC.
pub fn vni_decode(bytes: &[u8]) -> String {
    let (latin, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
    let mut out = String::with_capacity(latin.len());
    let mut after_vowel = false;
    for c in latin.chars() {
        if after_vowel {
            if let Some(marks) = vni_marks(c) {
                out.extend(marks);
                after_vowel = false;
                continue;
            }
        }
        let c = vni_letter(c).unwrap_or(c);
        after_vowel = matches!(
            c,
            'a' | 'e' | 'o' | 'u' | 'y' | 'A' | 'E' | 'O' | 'U' | 'Y' | 'ơ' | 'ư' | 'Ơ' | 'Ư'
        );
        out.push(c);
    }
    out.nfc().collect()
}

/// Decode Windows-1258 (combining tone marks) to NFC.
pub fn cp1258_decode(bytes: &[u8]) -> String {
    let (t, _, _) = encoding_rs::WINDOWS_1258.decode(bytes);
    t.nfc().collect()
}

type Decoder = fn(&[u8]) -> String;

/// Decode bytes that are not UTF-8: the Vietnamese reading with the most
/// real syllables, else what chardetng guesses.
pub fn decode_legacy(bytes: &[u8]) -> (String, &'static str) {
    let sample = sample(bytes);
    let candidates: [(&'static str, Decoder); 3] = [
        ("windows-1258", cp1258_decode),
        ("TCVN3", tcvn3_decode),
        ("VNI-Windows", vni_decode),
    ];
    let mut best: Option<(f64, &'static str, Decoder)> = None;
    for (name, f) in candidates {
        let Some(score) = vietnamese_score(&f(sample)) else {
            continue;
        };
        // Strictly greater: ties keep the earlier, standard encoding.
        if best.is_none_or(|(s, _, _)| score > s) {
            best = Some((score, name, f));
        }
    }
    match best {
        Some((score, name, f)) if score >= MIN_SCORE => (f(bytes), name),
        _ => {
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            det.feed(sample, sample.len() == bytes.len());
            let enc = det.guess(None, chardetng::Utf8Detection::Deny);
            let (t, _, _) = enc.decode(bytes);
            (t.nfc().collect(), enc.name())
        }
    }
}

/// The first `SAMPLE` bytes, cut at a line end so a table letter is never split.
fn sample(bytes: &[u8]) -> &[u8] {
    if bytes.len() <= SAMPLE {
        return bytes;
    }
    let head = &bytes[..SAMPLE];
    match head.iter().rposition(|&b| b == b'\n') {
        Some(i) => &head[..=i],
        None => head,
    }
}

/// Share of words with non-ASCII letters that are valid Vietnamese
/// syllables; `None` when no word has a non-ASCII letter (nothing to tell
/// the encodings apart by).
pub fn vietnamese_score(text: &str) -> Option<f64> {
    let mut seen = 0usize;
    let mut valid = 0usize;
    for word in text.split_whitespace() {
        let word = word.trim_matches(|c: char| {
            c.is_ascii_punctuation() || c.is_ascii_digit() || "“”‘’…–—«»".contains(c)
        });
        if word.is_ascii() {
            continue;
        }
        seen += 1;
        if is_syllable(word) {
            valid += 1;
        }
    }
    (seen > 0).then(|| valid as f64 / seen as f64)
}

/// Tone marks: at most one per syllable.
const TONES: [char; 5] = [GRAVE, ACUTE, TILDE, HOOK, DOT];

const ONSETS: [&str; 27] = [
    "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
];

const CODAS: [&str; 9] = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];

/// Vowel groups of Vietnamese syllables, tone marks removed (generous: this
/// scores readings, it does not spell-check).
const NUCLEI: [&str; 53] = [
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây",
    "eo", "êu", "ia", "iu", "iê", "oa", "oă", "oe", "oi", "oo", "ôi", "ơi", "ua", "uâ", "uê", "ui",
    "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "yê", "iêu", "yêu", "oai", "oay", "oeo", "uây",
    "uôi", "ươi", "ươu", "uya", "uyê",
];

fn is_vowel(c: char) -> bool {
    "aăâeêioôơuưy".contains(c)
}

/// Is `word` one Vietnamese syllable ("Đống", "nghiêng", "quyết")?
pub fn is_syllable(word: &str) -> bool {
    let lower = word.to_lowercase();
    let mut tones = 0;
    let base: String = lower
        .nfd()
        .filter(|c| {
            let tone = TONES.contains(c);
            tones += usize::from(tone);
            !tone
        })
        .nfc()
        .collect();
    if tones > 1
        || !base
            .chars()
            .all(|c| c.is_ascii_lowercase() || "ăâđêôơư".contains(c))
    {
        return false;
    }
    let rime_ok = |rime: &str| {
        let split = rime.find(|c: char| !is_vowel(c)).unwrap_or(rime.len());
        let (nucleus, coda) = rime.split_at(split);
        NUCLEI.contains(&nucleus) && CODAS.contains(&coda)
    };
    rime_ok(&base)
        || ONSETS
            .iter()
            .any(|o| base.strip_prefix(o).is_some_and(&rime_ok))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "Đảng bộ quận Đống Đa tổ chức Hội nghị" in each legacy encoding,
    /// written byte by byte from the tables.
    const PHRASE: &str = "Đảng bộ quận Đống Đa tổ chức Hội nghị";

    fn tcvn3_bytes() -> Vec<u8> {
        // § ¶ n g   b é   q u Ë n   § è n g   § a   t æ   c h ø c   H é i   n g h Þ
        b"\xA7\xB6ng b\xE9 qu\xCBn \xA7\xE8ng \xA7a t\xE6 ch\xF8c H\xE9i ngh\xDE".to_vec()
    }

    fn vni_bytes() -> Vec<u8> {
        // Ña û ng  bo ä  qua än  Ño á ng  Ña  to å  chö ù c  Ho äi  ngh ò
        b"\xD1a\xFBng bo\xE4 qua\xE4n \xD1o\xE1ng \xD1a to\xE5 ch\xF6\xF9c Ho\xE4i ngh\xF2".to_vec()
    }

    #[test]
    fn tcvn3_table_reads_the_phrase() {
        assert_eq!(tcvn3_decode(&tcvn3_bytes()), PHRASE);
    }

    #[test]
    fn vni_reads_the_phrase() {
        assert_eq!(vni_decode(&vni_bytes()), PHRASE);
    }

    #[test]
    fn tcvn3_capital_lines_get_capitals() {
        // "ĐẢNG BỘ QUẬN" typed in the capitals font.
        assert_eq!(tcvn3_decode(b"\xA7\xB6NG B\xE9 QU\xCBN"), "ĐẢNG BỘ QUẬN");
    }

    #[test]
    fn tcvn3_table_has_every_letter_once() {
        let letters: Vec<char> = (0xA1..=0xFEu8).filter_map(tcvn3).collect();
        // 67 small letters with diacritics, 7 capitals without tone marks.
        assert_eq!(letters.len(), 74);
        let distinct: std::collections::BTreeSet<char> = letters.iter().copied().collect();
        assert_eq!(distinct.len(), 74);
        for c in letters {
            let l = c.to_lowercase().to_string();
            assert!(l == "đ" || is_syllable(&l), "{c}");
        }
    }

    /// Windows-1258 spelling: letters with circumflex, breve or horn
    /// precomposed, the tone as a combining mark after them.
    fn cp1258_bytes(s: &str) -> Vec<u8> {
        let mut spelled = String::new();
        for c in s.chars() {
            let nfd: String = c.to_string().nfd().collect();
            let tone: String = nfd.chars().filter(|m| TONES.contains(m)).collect();
            let base: String = nfd.chars().filter(|m| !TONES.contains(m)).nfc().collect();
            spelled.push_str(&base);
            spelled.push_str(&tone);
        }
        let (b, _, unmappable) = encoding_rs::WINDOWS_1258.encode(&spelled);
        assert!(!unmappable);
        b.into_owned()
    }

    #[test]
    fn detection_picks_each_encoding() {
        let cp1258 = cp1258_bytes(PHRASE);
        assert_eq!(decode_legacy(&cp1258), (PHRASE.to_string(), "windows-1258"));
        assert_eq!(decode_legacy(&tcvn3_bytes()), (PHRASE.to_string(), "TCVN3"));
        assert_eq!(
            decode_legacy(&vni_bytes()),
            (PHRASE.to_string(), "VNI-Windows")
        );
    }

    #[test]
    fn syllables() {
        for w in [
            "Đống", "nghiêng", "quyết", "giữa", "gì", "người", "khuya", "Hà",
        ] {
            assert!(is_syllable(w), "{w}");
        }
        for w in ["§èng", "Ñoáng", "B¸t", "ĐốngĐa", "ấá", "xyz"] {
            assert!(!is_syllable(w), "{w}");
        }
    }

    #[test]
    fn non_vietnamese_falls_back_to_chardetng() {
        let (b, _, _) =
            encoding_rs::WINDOWS_1252.encode("Le café est très bon à Noël, où êtes-vous?");
        let (_, enc) = decode_legacy(&b);
        assert_eq!(enc, "windows-1252");
    }
}

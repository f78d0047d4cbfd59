//! Lowercase hex encoding and lenient decoding.

use std::fmt::Write as _;

/// The bytes as lowercase hex.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        let _ = write!(out, "{byte:02x}");
    }
    out
}

/// The value of one hex digit in either case.
fn nibble(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// The bytes of hex text in either case; `None` for an odd length or a non-hex character.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    if bytes.len() % 2 != 0 {
        return None;
    }
    bytes.chunks_exact(2).map(|pair| Some((nibble(*pair.first()?)? << 4) | nibble(*pair.get(1)?)?)).collect()
}

/// Decodes hex text into `out` without allocating; the number of bytes written, or `None` for an
/// odd length, a non-hex character or more bytes than `out` holds.
pub fn decode_into(text: &str, out: &mut [u8]) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.len() % 2 != 0 || bytes.len() / 2 > out.len() {
        return None;
    }
    for (slot, pair) in out.iter_mut().zip(bytes.chunks_exact(2)) {
        *slot = (nibble(*pair.first()?)? << 4) | nibble(*pair.get(1)?)?;
    }
    Some(bytes.len() / 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refusals() {
        assert_eq!(decode(&encode(&[0, 15, 255])), Some(vec![0, 15, 255]));
        assert_eq!(decode("0F"), Some(vec![15]));
        assert_eq!(decode("0"), None);
        assert_eq!(decode("zz"), None);
        let mut out = [0u8; 2];
        assert_eq!(decode_into("AbCd", &mut out), Some(2));
        assert_eq!(out, [0xab, 0xcd]);
        assert_eq!(decode_into("abcdef", &mut out), None, "longer than the buffer");
        assert_eq!(decode_into("abc", &mut out), None);
        assert_eq!(decode_into("a-", &mut out), None);
        assert_eq!(decode_into("", &mut out), Some(0));
    }
}

//! Raw input: what a JavaScript value looks like before validation.
//!
//! The binding classifies each value it reads into these small enums; the core decides
//! what is valid. Keeping the rules here means the browser and the native tests share them.

use std::fmt;

/// The largest integer a JavaScript number holds exactly (`Number.MAX_SAFE_INTEGER`).
pub const MAX_SAFE_INTEGER: i64 = (1 << 53) - 1;

/// The shape of a JavaScript value, as far as validation needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `undefined`, or a property that is not there.
    Undefined,
    /// `null`.
    Null,
    /// `true` or `false`.
    Boolean,
    /// A number.
    Number,
    /// A BigInt.
    BigInt,
    /// A string.
    String,
    /// A symbol.
    Symbol,
    /// A function.
    Function,
    /// An array.
    Array,
    /// A plain object (its prototype is `Object.prototype` or `null`).
    Object,
    /// Any other object: a class instance such as a `Map` or a `Date`.
    Instance,
    /// A value that throws when looked at (a revoked Proxy).
    Unreadable,
}

impl Shape {
    /// Reads the name the binding's `kindOf` helper gives a value.
    pub fn from_kind(kind: &str) -> Shape {
        match kind {
            "undefined" => Shape::Undefined,
            "null" => Shape::Null,
            "boolean" => Shape::Boolean,
            "number" => Shape::Number,
            "bigint" => Shape::BigInt,
            "string" => Shape::String,
            "symbol" => Shape::Symbol,
            "function" => Shape::Function,
            "array" => Shape::Array,
            "object" => Shape::Object,
            "unreadable" => Shape::Unreadable,
            _ => Shape::Instance,
        }
    }

    /// `undefined` and `null` both mean "not given" for optional and nillable fields.
    pub fn is_absent(self) -> bool {
        matches!(self, Shape::Undefined | Shape::Null)
    }
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Shape::Undefined => "undefined",
            Shape::Null => "null",
            Shape::Boolean => "a boolean",
            Shape::Number => "a number",
            Shape::BigInt => "a BigInt",
            Shape::String => "a string",
            Shape::Symbol => "a symbol",
            Shape::Function => "a function",
            Shape::Array => "an array",
            Shape::Object => "an object",
            Shape::Instance => "a class instance (not a plain object)",
            Shape::Unreadable => "a value that cannot be read (a revoked Proxy?)",
        })
    }
}

/// A value given where a 64-bit record id is expected.
#[derive(Debug, Clone, PartialEq)]
pub enum RawId {
    /// A JavaScript number.
    Number(f64),
    /// A BigInt: its value when it fits in 64 signed bits, else its decimal text.
    BigInt(Result<i64, String>),
    /// A string (kept for the message: ids given as text are a common mistake).
    Text(String),
    /// Anything else.
    Other(Shape),
}

impl RawId {
    /// The id, or why it is not one. Ids are 64-bit signed integers: a number that is a
    /// safe integer, or a BigInt in range.
    pub fn to_id(&self) -> Result<i64, String> {
        match self {
            RawId::Number(n) if n.is_nan() => Err("NaN is not an id".into()),
            RawId::Number(n) if n.is_infinite() => Err(format!("{n} is not an id")),
            RawId::Number(n) if n.fract() != 0.0 => Err(format!("{n} is not an integer")),
            RawId::Number(n) if n.abs() > MAX_SAFE_INTEGER as f64 => Err(format!(
                "{n} is outside the safe integer range of a JavaScript number; pass it as a BigInt"
            )),
            RawId::Number(n) => Ok(*n as i64),
            RawId::BigInt(Ok(v)) => Ok(*v),
            RawId::BigInt(Err(text)) => {
                Err(format!("{text}n does not fit in a 64-bit signed integer"))
            }
            RawId::Text(s) => Err(format!(
                "the string {} is not an id; ids are numbers or BigInts",
                quote(s)
            )),
            RawId::Other(shape) => Err(format!("{shape} is not an id")),
        }
    }
}

impl From<i64> for RawId {
    fn from(v: i64) -> Self {
        if v.abs() <= MAX_SAFE_INTEGER {
            RawId::Number(v as f64)
        } else {
            RawId::BigInt(Ok(v))
        }
    }
}

/// A value given where a string is expected (`$type`, `OperationId`).
#[derive(Debug, Clone, PartialEq)]
pub enum RawText {
    /// `undefined` or `null`.
    Absent,
    /// A string.
    Text(String),
    /// Anything else.
    Other(Shape),
}

/// Quotes a string for a message, shortened so a huge value cannot flood the text.
pub fn quote(s: &str) -> String {
    const MAX: usize = 60;
    let mut out = String::from("\"");
    for (i, c) in s.chars().enumerate() {
        if i == MAX {
            out.push('…');
            break;
        }
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_that_are_safe_integers_are_ids() {
        assert_eq!(RawId::Number(7.0).to_id(), Ok(7));
        assert_eq!(RawId::Number(-3.0).to_id(), Ok(-3));
        assert_eq!(
            RawId::Number(MAX_SAFE_INTEGER as f64).to_id(),
            Ok(MAX_SAFE_INTEGER)
        );
        assert_eq!(RawId::BigInt(Ok(i64::MAX)).to_id(), Ok(i64::MAX));
    }

    #[test]
    fn everything_else_is_refused_with_a_reason() {
        let cases = [
            (RawId::Number(f64::NAN), "NaN"),
            (RawId::Number(2.5), "not an integer"),
            (RawId::Number(f64::INFINITY), "inf"),
            (RawId::Number(9007199254740992.0), "safe integer range"),
            (RawId::BigInt(Err("99999999999999999999".into())), "64-bit"),
            (RawId::Text("12".into()), "the string \"12\""),
            (RawId::Other(Shape::Null), "null is not an id"),
            (RawId::Other(Shape::Object), "an object is not an id"),
        ];
        for (raw, needle) in cases {
            let err = raw.to_id().unwrap_err();
            assert!(err.contains(needle), "{err:?} should mention {needle:?}");
        }
    }

    #[test]
    fn quote_escapes_and_shortens() {
        assert_eq!(quote("a\"b"), "\"a\\\"b\"");
        assert_eq!(quote("\u{1}"), "\"\\u{1}\"");
        assert!(quote(&"x".repeat(500)).ends_with("…\""));
    }
}

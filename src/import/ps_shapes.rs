//! The shapes PowerShell's `ConvertTo-Json` gives .NET values, read with serde:
//! `System.Net.IPAddress` (an object with `IPAddressToString` or only `Address`, the four
//! bytes as a little-endian integer), `TimeSpan` (an object with `Ticks` and
//! `TotalSeconds`, or its text), Windows PowerShell 5.1's `{ "value": [...], "Count": n }`
//! array wrapper, and plain text or arrays as PowerShell 7 and our collector write them.
//!
//! Keys are matched by name, never by position, and never searched for recursively: an
//! IPAddress object has its own `ScopeId` key inside the DHCP `ScopeId` property.

use std::borrow::Cow;
use std::fmt;
use std::net::Ipv4Addr;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

/// A scalar read as text: strings as they are, numbers and booleans as JSON writes them
/// (5.1 writes some enums as numbers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("text, a number or a boolean")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// An optional text that is absent when null or empty.
pub fn text(value: Option<Text>) -> Option<String> {
    value.map(|t| t.0).filter(|s| !s.is_empty())
}

/// An IPv4 address as PowerShell may write it; its text is borrowed from the file when
/// the JSON string has no escapes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IpValue<'a> {
    /// `IPAddressToString`, or the text itself.
    pub text: Option<Cow<'a, str>>,
    /// `Address`: the four bytes read as a little-endian integer.
    pub address: Option<u64>,
    /// `AddressFamily` (2 = IPv4, 23 = IPv6).
    pub family: Option<u64>,
}

impl IpValue<'_> {
    /// The IPv4 address, or why there is none.
    pub fn ipv4(&self) -> Result<Ipv4Addr, String> {
        if let Some(text) = &self.text {
            return text
                .trim()
                .parse()
                .map_err(|_| format!("{} is not an IPv4 address", crate::raw::quote(text)));
        }
        if self.family.is_some_and(|f| f != 2) {
            return Err("the address is not IPv4 (AddressFamily is not 2)".into());
        }
        match self.address.map(u32::try_from) {
            Some(Ok(n)) => Ok(Ipv4Addr::from(n.to_le_bytes())),
            Some(Err(_)) => Err("Address is larger than an IPv4 address".into()),
            None => Err("the IPAddress object has neither IPAddressToString nor Address".into()),
        }
    }

    /// The dotted text of the address when it is one, else the text as given.
    pub fn display(self) -> Option<String> {
        if let Some(text) = &self.text {
            // The parser takes only the dotted form it writes (no leading zeros, no sign),
            // so text that parses untrimmed is kept as it is, without writing it anew.
            if text.parse::<Ipv4Addr>().is_ok() {
                return self.text.map(Cow::into_owned);
            }
        }
        match self.ipv4() {
            Ok(a) => Some(a.to_string()),
            Err(_) => self.text.map(Cow::into_owned),
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for IpValue<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<IpValue<'a>, D::Error> {
        d.deserialize_any(IpVisitor)
    }
}

struct IpVisitor;

impl<'de> Visitor<'de> for IpVisitor {
    type Value = IpValue<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an IP address: dotted text or an IPAddress object")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<IpValue<'de>, E> {
        Ok(IpValue {
            text: Some(Cow::Borrowed(v)),
            ..IpValue::default()
        })
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<IpValue<'de>, E> {
        Ok(IpValue {
            text: Some(Cow::Owned(v.to_owned())),
            ..IpValue::default()
        })
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<IpValue<'de>, A::Error> {
        let mut out = IpValue::default();
        while let Some(key) = map.next_key::<Str>()? {
            match key.0.as_ref() {
                "IPAddressToString" => out.text = map.next_value::<Option<Str>>()?.map(|s| s.0),
                "Address" => out.address = map.next_value::<Option<u64>>()?,
                "AddressFamily" => out.family = map.next_value::<Option<u64>>()?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(out)
    }
}

/// A string (a map key, or text), borrowed from the file when it has no escapes.
struct Str<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Str<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Str<'de>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Str<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Str<'de>, E> {
                Ok(Str(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Str<'de>, E> {
                Ok(Str(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Str<'de>, E> {
                Ok(Str(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

/// One IP address or a list of them: a plain array, 5.1's `{ "value": [...], "Count": n }`
/// wrapper, a single IPAddress object, or text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IpList<'a> {
    /// The addresses, in order.
    pub items: Vec<IpValue<'a>>,
    /// Whether the value was a single address rather than a list.
    pub single: bool,
}

impl<'de: 'a, 'a> Deserialize<'de> for IpList<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<IpList<'a>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = IpList<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an IP address or a list of them")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<IpList<'de>, E> {
                Ok(IpList {
                    items: vec![IpVisitor.visit_borrowed_str(v)?],
                    single: true,
                })
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<IpList<'de>, E> {
                Ok(IpList {
                    items: vec![IpVisitor.visit_str(v)?],
                    single: true,
                })
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<IpList<'de>, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<IpValue>()? {
                    items.push(item);
                }
                Ok(IpList {
                    items,
                    single: false,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<IpList<'de>, A::Error> {
                // Either the 5.1 wrapper (`value` + `Count`) or one IPAddress object.
                let mut one = IpValue::default();
                let mut wrapped: Option<Vec<IpValue>> = None;
                while let Some(key) = map.next_key::<Str>()? {
                    match key.0.as_ref() {
                        "value" => {
                            wrapped = Some(
                                map.next_value::<Option<Vec<IpValue>>>()?
                                    .unwrap_or_default(),
                            )
                        }
                        "IPAddressToString" => {
                            one.text = map.next_value::<Option<Str>>()?.map(|s| s.0)
                        }
                        "Address" => one.address = map.next_value::<Option<u64>>()?,
                        "AddressFamily" => one.family = map.next_value::<Option<u64>>()?,
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(match wrapped {
                    Some(items) => IpList {
                        items,
                        single: false,
                    },
                    None => IpList {
                        items: vec![one],
                        single: true,
                    },
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// A list of any items, plain or in 5.1's `{ "value": [...], "Count": n }` wrapper.
#[derive(Debug, Clone, PartialEq)]
pub struct List<T>(pub Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<List<T>, D::Error> {
        let mut items = Vec::new();
        each_item(d, |_, item| items.push(item))?;
        Ok(List(items))
    }
}

/// Reads a list, plain or in 5.1's wrapper, handing each item to `each` (with its index)
/// as soon as it is read: a caller that turns the items into something else never holds
/// all of them as read (a 300,000-scope collection would hold its scopes twice).
pub fn each_item<'de, D, T, F>(d: D, each: F) -> Result<(), D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
    F: FnMut(usize, T),
{
    /// The items of a sequence, to `each`.
    fn drain<'de, A: SeqAccess<'de>, T: Deserialize<'de>>(
        mut seq: A,
        each: &mut impl FnMut(usize, T),
    ) -> Result<(), A::Error> {
        let mut i = 0;
        while let Some(item) = seq.next_element::<T>()? {
            each(i, item);
            i += 1;
        }
        Ok(())
    }

    /// The wrapper's `value`: a sequence.
    struct Items<'f, T, F>(&'f mut F, std::marker::PhantomData<T>);

    impl<'de, T: Deserialize<'de>, F: FnMut(usize, T)> de::DeserializeSeed<'de> for Items<'_, T, F> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_seq(self)
        }
    }

    impl<'de, T: Deserialize<'de>, F: FnMut(usize, T)> Visitor<'de> for Items<'_, T, F> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a sequence")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
            drain(seq, self.0)
        }
    }

    struct V<T, F>(F, std::marker::PhantomData<T>);

    impl<'de, T: Deserialize<'de>, F: FnMut(usize, T)> Visitor<'de> for V<T, F> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an array (or a { \"value\": [...], \"Count\": n } wrapper)")
        }
        fn visit_seq<A: SeqAccess<'de>>(mut self, seq: A) -> Result<(), A::Error> {
            drain(seq, &mut self.0)
        }
        fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
            let mut found = false;
            while let Some(key) = map.next_key::<Str>()? {
                if key.0 == "value" {
                    if found {
                        return Err(de::Error::duplicate_field("value"));
                    }
                    map.next_value_seed(Items(&mut self.0, std::marker::PhantomData))?;
                    found = true;
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            if found {
                Ok(())
            } else {
                Err(de::Error::custom(
                    "expected an array, got an object without \"value\"",
                ))
            }
        }
    }

    d.deserialize_any(V(each, std::marker::PhantomData))
}

/// A duration: a TimeSpan object (`Ticks`, `TotalSeconds`), its text (`8.00:00:00`), or a
/// number of seconds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Duration {
    /// Whole seconds, when the value gave any.
    pub seconds: Option<u64>,
}

impl<'de> Deserialize<'de> for Duration {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Duration;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a duration: a TimeSpan object, its text, or seconds")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Duration, E> {
                Ok(Duration { seconds: Some(v) })
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Duration, E> {
                u64::try_from(v)
                    .map(|s| Duration { seconds: Some(s) })
                    .map_err(|_| E::custom("a duration cannot be negative"))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Duration, E> {
                whole_seconds(v)
                    .map(|s| Duration { seconds: Some(s) })
                    .ok_or_else(|| E::custom("a duration must be a non-negative number of seconds"))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Duration, E> {
                super::model::timespan_seconds(v)
                    .map(|s| Duration { seconds: Some(s) })
                    .ok_or_else(|| E::custom(format!("{} is not a duration", crate::raw::quote(v))))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Duration, A::Error> {
                let (mut ticks, mut total) = (None, None);
                while let Some(key) = map.next_key::<Str>()? {
                    match key.0.as_ref() {
                        "Ticks" => ticks = map.next_value::<Option<i64>>()?,
                        "TotalSeconds" => total = map.next_value::<Option<f64>>()?,
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                let seconds = match (ticks, total) {
                    (Some(t), _) => u64::try_from(t / 10_000_000).ok(),
                    (None, Some(s)) => whole_seconds(s),
                    (None, None) => None,
                };
                Ok(Duration { seconds })
            }
        }
        d.deserialize_any(V)
    }
}

fn whole_seconds(v: f64) -> Option<u64> {
    (v.is_finite() && (0.0..1.8e19).contains(&v)).then(|| v.round() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ip_shapes() {
        let ip: IpValue =
            serde_json::from_str(r#"{"Address":698560,"AddressFamily":2,"ScopeId":null}"#).unwrap();
        assert_eq!(ip.ipv4().unwrap(), Ipv4Addr::new(192, 168, 10, 0));
        let ip: IpValue =
            serde_json::from_str(r#"{"Address":111111,"IPAddressToString":"192.0.2.10"}"#).unwrap();
        assert_eq!(
            ip.ipv4().unwrap(),
            Ipv4Addr::new(192, 0, 2, 10),
            "text wins"
        );
        let list: IpList =
            serde_json::from_str(r#"{"value":[{"Address":657930},{"Address":1315850}],"Count":2}"#)
                .unwrap();
        let got: Vec<_> = list.items.iter().map(|i| i.ipv4().unwrap()).collect();
        assert_eq!(
            got,
            [Ipv4Addr::new(10, 10, 10, 0), Ipv4Addr::new(10, 20, 20, 0)]
        );
        let list: IpList = serde_json::from_str(r#"["10.0.0.0"]"#).unwrap();
        assert!(!list.single);
        let v6: IpValue = serde_json::from_str(r#"{"Address":null,"AddressFamily":23}"#).unwrap();
        assert!(v6.ipv4().is_err());
    }

    #[test]
    fn display_keeps_dotted_text_and_writes_the_rest() {
        let show = |json: &str| serde_json::from_str::<IpValue>(json).unwrap().display();
        assert_eq!(show(r#""10.1.0.0""#).as_deref(), Some("10.1.0.0"));
        assert_eq!(show(r#"" 10.1.0.0 ""#).as_deref(), Some("10.1.0.0"));
        assert_eq!(show(r#""10.1.0.\u0030""#).as_deref(), Some("10.1.0.0"));
        assert_eq!(show(r#""010.1.0.0""#).as_deref(), Some("010.1.0.0"));
        assert_eq!(show(r#""fe80::1""#).as_deref(), Some("fe80::1"));
        assert_eq!(
            show(r#"{"Address":698560,"IPAddressToString":null}"#).as_deref(),
            Some("192.168.10.0")
        );
        assert_eq!(show(r#"{"AddressFamily":23}"#), None);
    }

    #[test]
    fn durations() {
        let d: Duration =
            serde_json::from_str(r#"{"Ticks":36000000000,"TotalSeconds":3600}"#).unwrap();
        assert_eq!(d.seconds, Some(3600));
        let d: Duration = serde_json::from_str(r#"{"TotalSeconds":691200.0}"#).unwrap();
        assert_eq!(d.seconds, Some(691_200));
        let d: Duration = serde_json::from_str(r#""1.00:00:00""#).unwrap();
        assert_eq!(d.seconds, Some(86_400));
        assert!(serde_json::from_str::<Duration>("-1").is_err());
    }

    #[test]
    fn lists_plain_or_wrapped() {
        let l: List<u32> = serde_json::from_str(r#"{"value":[1,2],"Count":2}"#).unwrap();
        assert_eq!(l.0, [1, 2]);
        let l: List<u32> = serde_json::from_str("[3]").unwrap();
        assert_eq!(l.0, [3]);
        assert!(serde_json::from_str::<List<u32>>(r#"{"Count":2}"#).is_err());
    }
}

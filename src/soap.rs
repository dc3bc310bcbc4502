//! The SOAP 1.2 fault of MS-IPAMM2 section 2.2.2.1: Code `s:Sender`, a Reason, and a Detail
//! holding one IpamException (2.2.4.247) whose IpamExceptionData carries the ExceptionId and
//! the ExceptionMessage.

use crate::fault::Fault;

const SOAP_NS: &str = "http://www.w3.org/2003/05/soap-envelope";
const IPAM_NS: &str = "http://schemas.datacontract.org/2004/07/Microsoft.Windows.Ipam";
const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// Renders the fault as a complete SOAP 1.2 envelope. Every text is XML-escaped, and
/// characters XML 1.0 cannot carry at all are replaced by U+FFFD, so the result is always
/// well-formed whatever the message holds.
pub fn to_soap_fault(fault: &Fault) -> String {
    let message = escape(fault.message());
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="utf-8"?>"#,
            r#"<s:Envelope xmlns:s="{soap}"><s:Body><s:Fault>"#,
            r#"<s:Code><s:Value>s:Sender</s:Value></s:Code>"#,
            r#"<s:Reason><s:Text xml:lang="en-US">{message}</s:Text></s:Reason>"#,
            r#"<s:Detail><IpamException xmlns="{ipam}" xmlns:i="{xsi}">"#,
            r#"<IpamExceptionData i:type="IpamGenericExceptionData">"#,
            r#"<ExceptionId>{id}</ExceptionId>"#,
            r#"<ExceptionMessage>{message}</ExceptionMessage>"#,
            r#"</IpamExceptionData></IpamException></s:Detail>"#,
            r#"</s:Fault></s:Body></s:Envelope>"#
        ),
        soap = SOAP_NS,
        ipam = IPAM_NS,
        xsi = XSI_NS,
        id = escape(fault.exception_id()),
        message = message,
    )
}

/// Escapes text for XML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fault::FaultCode;

    #[test]
    fn escapes_markup_and_replaces_forbidden_characters() {
        assert_eq!(
            escape("<a href=\"x\">&'\u{0}</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;\u{FFFD}&lt;/a&gt;"
        );
    }

    #[test]
    fn envelope_carries_code_reason_and_detail() {
        let f = Fault::at_step(FaultCode::InvalidId, 2, "ScopeIds[0] <bad> & worse");
        let xml = to_soap_fault(&f);
        assert!(xml.contains("<s:Value>s:Sender</s:Value>"));
        assert!(xml.contains("<ExceptionId>IpamApiGenericErrorOccurred</ExceptionId>"));
        assert!(xml
            .contains("<ExceptionMessage>ScopeIds[0] &lt;bad&gt; &amp; worse</ExceptionMessage>"));
        assert!(!xml.contains("<bad>"));
    }
}

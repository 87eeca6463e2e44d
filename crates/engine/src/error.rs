//! The engine's one error type: opaque, with a clear message and a `source()`.

use std::fmt;

/// An error from ingesting a document or decoding an index.
///
/// Search, highlighting and comparison never fail; only reading input can.
#[derive(Debug)]
pub struct Error {
    message: String,
    line: Option<usize>,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

impl Error {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Error {
            message: message.into(),
            line: None,
            source: None,
        }
    }

    pub(crate) fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    pub(crate) fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }

    /// The message and its cause, without the line number.
    pub fn message(&self) -> String {
        match &self.source {
            Some(source) => format!("{}: {source}", self.message),
            None => self.message.clone(),
        }
    }

    /// The 1-based line of the input the error refers to, when there is one.
    pub fn line(&self) -> Option<usize> {
        self.line
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        f.write_str(&self.message())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn std::error::Error + 'static))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_the_line_and_the_cause() {
        let cause = std::io::Error::other("bad byte");
        let err = Error::new("front matter is not valid TOML").at_line(3).with_source(cause);
        assert_eq!(err.to_string(), "line 3: front matter is not valid TOML: bad byte");
        assert!(std::error::Error::source(&err).is_some());
        assert_eq!(err.line(), Some(3));
    }
}

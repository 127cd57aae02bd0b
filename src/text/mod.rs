//! Chinese text handling, in one place for every parser: decoding (UTF-8,
//! GBK/GB18030), normalisation of punctuation widths, digits and spaces, and
//! Chinese numerals.

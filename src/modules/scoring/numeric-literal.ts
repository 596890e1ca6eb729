/**
 * A number as both sides of the scorer read one — optional minus, up to 15 digits, a decimal part,
 * a two-digit exponent — so JavaScript's Number() and PostgreSQL's float8 agree, and never overflow.
 */
export const numericLiteral = /^\s*-?([0-9]{1,15}(\.[0-9]{0,15})?|\.[0-9]{1,15})([eE][-+]?[0-9]{1,2})?\s*$/;

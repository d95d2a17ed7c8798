//! Wire protocols. Only restJson1 for now; each protocol adds codecs and
//! request/response functions to the code the shape emitters produce.

pub mod rest_json;

//! The Smithy prelude (`smithy.api#...`): the simple shapes every model may target
//! without defining them.

use serde_json::{Value, json};

use crate::ast::{AggregateShape, Shape, SimpleShape, Traits};

/// Every prelude shape name with its definition.
pub fn shapes() -> Vec<(&'static str, Shape)> {
    fn simple() -> SimpleShape {
        SimpleShape::default()
    }
    fn with_default(v: Value) -> SimpleShape {
        let mut traits = Traits::new();
        traits.insert("smithy.api#default".to_string(), v);
        SimpleShape {
            traits,
            mixins: Vec::new(),
        }
    }
    let mut unit_traits = Traits::new();
    unit_traits.insert("smithy.api#unitType".to_string(), json!({}));
    vec![
        ("String", Shape::String(simple())),
        ("Blob", Shape::Blob(simple())),
        ("BigInteger", Shape::BigInteger(simple())),
        ("BigDecimal", Shape::BigDecimal(simple())),
        ("Timestamp", Shape::Timestamp(simple())),
        ("Document", Shape::Document(simple())),
        ("Boolean", Shape::Boolean(simple())),
        ("Byte", Shape::Byte(simple())),
        ("Short", Shape::Short(simple())),
        ("Integer", Shape::Integer(simple())),
        ("Long", Shape::Long(simple())),
        ("Float", Shape::Float(simple())),
        ("Double", Shape::Double(simple())),
        (
            "PrimitiveBoolean",
            Shape::Boolean(with_default(json!(false))),
        ),
        ("PrimitiveByte", Shape::Byte(with_default(json!(0)))),
        ("PrimitiveShort", Shape::Short(with_default(json!(0)))),
        ("PrimitiveInteger", Shape::Integer(with_default(json!(0)))),
        ("PrimitiveLong", Shape::Long(with_default(json!(0)))),
        ("PrimitiveFloat", Shape::Float(with_default(json!(0)))),
        ("PrimitiveDouble", Shape::Double(with_default(json!(0)))),
        (
            "Unit",
            Shape::Structure(AggregateShape {
                members: Default::default(),
                traits: unit_traits,
                mixins: Vec::new(),
            }),
        ),
    ]
}

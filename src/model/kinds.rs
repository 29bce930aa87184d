//! The closed vocabularies of the model: what kind of actor, event and relation something is,
//! and what role an actor plays in an event.
//!
//! Each has an `Other(String)` escape hatch so that imported data with its own categories
//! still loads; the curated dataset uses only the named variants. In RON they are written as
//! enum variants (`kind: PrivateMilitaryCompany`); in the interchange JSON as snake_case
//! codes (`"private_military_company"`), see [`Kind::code`].

use serde::{Deserialize, Serialize};

/// Behaviour shared by the vocabularies, so that filters, legends and the JSON format can
/// treat them alike.
pub trait Kind: Sized + Clone + PartialEq + 'static {
    /// Every named variant, in display order.
    const ALL: &'static [Self];
    /// The snake_case code used in JSON and on the command line.
    fn code(&self) -> &str;
    /// The human label used in the UI.
    fn label(&self) -> &str;
    /// The inverse of [`Kind::code`]; unknown codes become `Other`.
    fn from_code(code: &str) -> Self;
}

macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $( $(#[$vmeta:meta])* $variant:ident => ($code:literal, $label:literal), )* }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// A category outside the built-in vocabulary (from imported data).
            Other(String),
        }

        impl Kind for $name {
            const ALL: &'static [Self] = &[$(Self::$variant),*];

            fn code(&self) -> &str {
                match self {
                    $(Self::$variant => $code,)*
                    Self::Other(code) => code,
                }
            }

            fn label(&self) -> &str {
                match self {
                    $(Self::$variant => $label,)*
                    Self::Other(code) => code,
                }
            }

            fn from_code(code: &str) -> Self {
                match code {
                    $($code => Self::$variant,)*
                    other => Self::Other(other.to_owned()),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

vocabulary! {
    /// What an actor is.
    pub enum ActorKind {
        #[default]
        State => ("state", "State"),
        Government => ("government", "Government"),
        ArmedForces => ("armed_forces", "Armed forces"),
        PrivateMilitaryCompany => ("private_military_company", "Private military company"),
        InternationalOrganisation => ("international_organisation", "International organisation"),
        RegionalOrganisation => ("regional_organisation", "Regional organisation"),
        OrganisationBody => ("organisation_body", "Body of an organisation"),
        ArmedGroup => ("armed_group", "Armed group"),
        Ngo => ("ngo", "NGO"),
        ResearchGroup => ("research_group", "Research group"),
        MediaOutlet => ("media_outlet", "Media outlet"),
        Person => ("person", "Person"),
        Population => ("population", "Population or crowd"),
    }
}

vocabulary! {
    /// What kind of happening an event is.
    pub enum EventKind {
        #[default]
        Statement => ("statement", "Statement"),
        Accusation => ("accusation", "Accusation"),
        Coup => ("coup", "Coup"),
        MilitaryOperation => ("military_operation", "Military operation"),
        Violence => ("violence", "Violence"),
        Atrocity => ("atrocity", "Violence against civilians"),
        Deployment => ("deployment", "Deployment"),
        Withdrawal => ("withdrawal", "Withdrawal"),
        ArmsTransfer => ("arms_transfer", "Arms or equipment transfer"),
        Aid => ("aid", "Aid or assistance"),
        Request => ("request", "Request"),
        Agreement => ("agreement", "Agreement or cooperation"),
        Visit => ("visit", "Diplomatic visit or meeting"),
        Sanctions => ("sanctions", "Sanctions"),
        Expulsion => ("expulsion", "Expulsion"),
        Ban => ("ban", "Ban"),
        Protest => ("protest", "Protest or demonstration"),
        Investigation => ("investigation", "Investigation or call for one"),
        Report => ("report", "Report or figures"),
        Election => ("election", "Election or transition"),
        Displacement => ("displacement", "Displacement"),
    }
}

vocabulary! {
    /// What kind of link a relation is.
    pub enum RelationKind {
        #[default]
        Cooperation => ("cooperation", "Cooperation"),
        MilitaryCooperation => ("military_cooperation", "Military cooperation"),
        MilitarySupport => ("military_support", "Military support"),
        Deployment => ("deployment", "Deployment"),
        Aid => ("aid", "Aid"),
        DiplomaticVisit => ("diplomatic_visit", "Diplomatic visit"),
        Support => ("support", "Political support"),
        Request => ("request", "Request"),
        Sanctions => ("sanctions", "Sanctions"),
        Accusation => ("accusation", "Accusation"),
        Criticism => ("criticism", "Criticism or warning"),
        Expulsion => ("expulsion", "Expulsion"),
        Ban => ("ban", "Ban"),
        Hostility => ("hostility", "Hostility or armed conflict"),
        Withdrawal => ("withdrawal", "Withdrawal"),
        Membership => ("membership", "Membership"),
        Command => ("command", "Command or leadership"),
        Ownership => ("ownership", "Ownership or founding"),
        Investigation => ("investigation", "Investigation"),
    }
}

vocabulary! {
    /// The part an actor plays in an event.
    pub enum Role {
        /// Does, says or decides the thing.
        #[default]
        Initiator => ("initiator", "Initiator"),
        /// The thing is done or said to or about them.
        Target => ("target", "Target"),
        /// Takes part alongside others (a meeting, a joint operation).
        Participant => ("participant", "Participant"),
        /// Reports or documents the event (a human-rights group, an agency).
        Reporter => ("reporter", "Reporter"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for kind in ActorKind::ALL {
            assert_eq!(&ActorKind::from_code(kind.code()), kind);
        }
        for kind in EventKind::ALL {
            assert_eq!(&EventKind::from_code(kind.code()), kind);
        }
        for kind in RelationKind::ALL {
            assert_eq!(&RelationKind::from_code(kind.code()), kind);
        }
        assert_eq!(
            RelationKind::from_code("trade"),
            RelationKind::Other("trade".into())
        );
    }

    #[test]
    fn ron_uses_variant_names() {
        let kind: ActorKind = ron::from_str("PrivateMilitaryCompany").expect("parses");
        assert_eq!(kind, ActorKind::PrivateMilitaryCompany);
        let other: EventKind = ron::from_str("Other(\"battle\")").expect("parses");
        assert_eq!(other, EventKind::Other("battle".into()));
    }
}

//! Handovers: a transfer of the ball to a colleague, pending until the colleague accepts or
//! declines it, or the sender withdraws it. Until it is accepted the sender holds the ball.

use super::MemberId;

/// Longest note for the colleague: what they must know about the relation.
pub const NOTES_MAX: usize = 1500;
/// Longest reason of a decline.
pub const REASON_MAX: usize = 500;

super::word_enum!(
    /// Where a handover stands. Only a pending one can change, and only once.
    HandoverStatus {
        Pending = "pending",
        Accepted = "accepted",
        Declined = "declined",
        Cancelled = "cancelled",
    }
);

/// What someone does with a pending handover.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    Accept,
    Decline,
    /// The sender withdraws it.
    Cancel,
}

impl Answer {
    /// The state this answer leads to.
    pub fn outcome(self) -> HandoverStatus {
        match self {
            Answer::Accept => HandoverStatus::Accepted,
            Answer::Decline => HandoverStatus::Declined,
            Answer::Cancel => HandoverStatus::Cancelled,
        }
    }
}

/// Why an answer or a handover is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// It was already accepted, declined or cancelled.
    Settled(HandoverStatus),
    /// Only the recipient (their backup, an admin) may accept or decline; only the sender
    /// (their backup, an admin) may cancel.
    NotYours,
    ToSelf,
    ToBot,
}

/// The people around one handover, and how the actor stands to them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parties {
    pub from: MemberId,
    pub to: MemberId,
    /// The actor backs up the sender during an absence now.
    pub actor_backs_from: bool,
    /// The actor backs up the recipient during an absence now.
    pub actor_backs_to: bool,
}

/// The state after `answer` by `actor`, or why not. Pending → accepted | declined |
/// cancelled; nothing after that.
pub fn answer(
    status: HandoverStatus,
    answer: Answer,
    actor: MemberId,
    admin: bool,
    parties: &Parties,
) -> Result<HandoverStatus, Refusal> {
    if status != HandoverStatus::Pending {
        return Err(Refusal::Settled(status));
    }
    let allowed = admin
        || match answer {
            Answer::Accept | Answer::Decline => actor == parties.to || parties.actor_backs_to,
            Answer::Cancel => actor == parties.from || parties.actor_backs_from,
        };
    if !allowed {
        return Err(Refusal::NotYours);
    }
    Ok(answer.outcome())
}

/// Whether `from` may hand something to `to`: never to oneself or to a bot.
pub fn check_recipient(from: MemberId, to: MemberId, to_is_bot: bool) -> Result<(), Refusal> {
    if from == to {
        return Err(Refusal::ToSelf);
    }
    if to_is_bot {
        return Err(Refusal::ToBot);
    }
    Ok(())
}

/// Whether `actor` may hand over what `holder` holds: the holder, an admin, or the
/// holder's backup while the holder is away.
pub fn may_give(actor: MemberId, admin: bool, holder: MemberId, actor_backs_holder: bool) -> bool {
    admin || actor == holder || actor_backs_holder
}

#[cfg(test)]
mod tests {
    use super::*;

    const ANN: MemberId = MemberId(1);
    const BOB: MemberId = MemberId(2);
    const EVE: MemberId = MemberId(3);

    fn parties() -> Parties {
        Parties {
            from: ANN,
            to: BOB,
            actor_backs_from: false,
            actor_backs_to: false,
        }
    }

    #[test]
    fn the_recipient_accepts_or_declines_and_the_sender_cancels() {
        let p = parties();
        let pending = HandoverStatus::Pending;
        assert_eq!(
            answer(pending, Answer::Accept, BOB, false, &p),
            Ok(HandoverStatus::Accepted)
        );
        assert_eq!(
            answer(pending, Answer::Decline, BOB, false, &p),
            Ok(HandoverStatus::Declined)
        );
        assert_eq!(
            answer(pending, Answer::Cancel, ANN, false, &p),
            Ok(HandoverStatus::Cancelled)
        );
        assert_eq!(
            answer(pending, Answer::Accept, ANN, false, &p),
            Err(Refusal::NotYours)
        );
        assert_eq!(
            answer(pending, Answer::Cancel, BOB, false, &p),
            Err(Refusal::NotYours)
        );
        assert_eq!(
            answer(pending, Answer::Accept, EVE, false, &p),
            Err(Refusal::NotYours)
        );
    }

    #[test]
    fn admins_and_backups_may_answer_for_the_one_they_stand_in_for() {
        let pending = HandoverStatus::Pending;
        assert_eq!(
            answer(pending, Answer::Accept, EVE, true, &parties()),
            Ok(HandoverStatus::Accepted)
        );
        let backs_to = Parties {
            actor_backs_to: true,
            ..parties()
        };
        assert_eq!(
            answer(pending, Answer::Decline, EVE, false, &backs_to),
            Ok(HandoverStatus::Declined)
        );
        assert_eq!(
            answer(pending, Answer::Cancel, EVE, false, &backs_to),
            Err(Refusal::NotYours)
        );
        let backs_from = Parties {
            actor_backs_from: true,
            ..parties()
        };
        assert_eq!(
            answer(pending, Answer::Cancel, EVE, false, &backs_from),
            Ok(HandoverStatus::Cancelled)
        );
        assert_eq!(
            answer(pending, Answer::Accept, EVE, false, &backs_from),
            Err(Refusal::NotYours)
        );
    }

    #[test]
    fn a_settled_handover_takes_no_second_answer() {
        for settled in [
            HandoverStatus::Accepted,
            HandoverStatus::Declined,
            HandoverStatus::Cancelled,
        ] {
            for a in [Answer::Accept, Answer::Decline, Answer::Cancel] {
                assert_eq!(
                    answer(settled, a, BOB, true, &parties()),
                    Err(Refusal::Settled(settled)),
                    "{settled:?} {a:?}"
                );
            }
        }
    }

    #[test]
    fn nobody_hands_over_to_themself_or_to_a_bot() {
        assert_eq!(check_recipient(ANN, ANN, false), Err(Refusal::ToSelf));
        assert_eq!(check_recipient(ANN, BOB, true), Err(Refusal::ToBot));
        assert_eq!(check_recipient(ANN, BOB, false), Ok(()));
    }

    #[test]
    fn the_holder_their_backup_or_an_admin_may_give() {
        assert!(may_give(ANN, false, ANN, false));
        assert!(may_give(EVE, false, ANN, true));
        assert!(may_give(EVE, true, ANN, false));
        assert!(!may_give(EVE, false, ANN, false));
    }

    mod machine {
        use super::*;
        use proptest::prelude::*;

        fn any_answer() -> impl Strategy<Value = (Answer, u8, bool, bool, bool)> {
            (
                prop_oneof![Just(Answer::Accept), Just(Answer::Decline), Just(Answer::Cancel)],
                0u8..3,
                any::<bool>(),
                any::<bool>(),
                any::<bool>(),
            )
        }

        proptest! {
            /// Random answers by random people against a model: the first allowed answer
            /// settles it, and nothing changes it afterwards.
            #[test]
            fn only_the_first_allowed_answer_counts(steps in proptest::collection::vec(any_answer(), 1..12)) {
                let mut status = HandoverStatus::Pending;
                let mut model: Option<HandoverStatus> = None;
                for (a, who, admin, backs_from, backs_to) in steps {
                    let actor = [ANN, BOB, EVE][who as usize];
                    let p = Parties { from: ANN, to: BOB, actor_backs_from: backs_from, actor_backs_to: backs_to };
                    let allowed = admin || match a {
                        Answer::Accept | Answer::Decline => actor == BOB || backs_to,
                        Answer::Cancel => actor == ANN || backs_from,
                    };
                    let result = answer(status, a, actor, admin, &p);
                    match model {
                        Some(settled) => prop_assert_eq!(result, Err(Refusal::Settled(settled))),
                        None if allowed => {
                            prop_assert_eq!(result, Ok(a.outcome()));
                            model = Some(a.outcome());
                            status = a.outcome();
                        }
                        None => prop_assert_eq!(result, Err(Refusal::NotYours)),
                    }
                }
            }
        }
    }
}

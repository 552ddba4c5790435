//! The one schema shared by every backend (see `migrations/` for the DDL of each). Time columns
//! are [`Datetime`](crate::db::types::Datetime), which MySQL binds as `DATETIME`.

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::Datetime;

    component_groups (id) {
        id -> BigInt,
        name -> Text,
        position -> Integer,
        collapsed -> SmallInt,
        visible -> Bool,
        created_at -> Datetime,
        updated_at -> Datetime,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::Datetime;

    components (id) {
        id -> BigInt,
        name -> Text,
        description -> Text,
        link -> Nullable<Text>,
        status -> SmallInt,
        position -> Integer,
        group_id -> Nullable<BigInt>,
        enabled -> Bool,
        meta -> Nullable<Text>,
        created_at -> Datetime,
        updated_at -> Datetime,
    }
}

diesel::table! {
    component_tags (component_id, slug) {
        component_id -> BigInt,
        slug -> Text,
        name -> Text,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::Datetime;

    component_status_changes (id) {
        id -> BigInt,
        component_id -> BigInt,
        old_status -> Nullable<SmallInt>,
        new_status -> SmallInt,
        reason -> Text,
        changed_at -> Datetime,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::Datetime;

    incidents (id) {
        id -> BigInt,
        user_id -> Nullable<BigInt>,
        component_id -> BigInt,
        name -> Text,
        status -> SmallInt,
        visible -> Bool,
        stickied -> Bool,
        notify -> Bool,
        is_resolved -> Bool,
        message -> Text,
        meta -> Nullable<Text>,
        occurred_at -> Datetime,
        created_at -> Datetime,
        updated_at -> Datetime,
    }
}

diesel::table! {
    incident_components (incident_id, component_id) {
        incident_id -> BigInt,
        component_id -> BigInt,
        status -> SmallInt,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::Datetime;

    incident_updates (id) {
        id -> BigInt,
        incident_id -> BigInt,
        status -> SmallInt,
        message -> Text,
        user_id -> Nullable<BigInt>,
        created_at -> Datetime,
        updated_at -> Datetime,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::Datetime;

    incident_templates (id) {
        id -> BigInt,
        name -> Text,
        slug -> Text,
        template -> Text,
        created_at -> Datetime,
        updated_at -> Datetime,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::Datetime;

    schedules (id) {
        id -> BigInt,
        name -> Text,
        message -> Text,
        status -> SmallInt,
        scheduled_at -> Datetime,
        completed_at -> Nullable<Datetime>,
        notify -> Bool,
        created_at -> Datetime,
        updated_at -> Datetime,
    }
}

diesel::table! {
    schedule_components (schedule_id, component_id) {
        schedule_id -> BigInt,
        component_id -> BigInt,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::Datetime;

    metrics (id) {
        id -> BigInt,
        name -> Text,
        suffix -> Text,
        description -> Text,
        default_value -> Double,
        calc_type -> SmallInt,
        display_chart -> Bool,
        places -> SmallInt,
        default_view -> SmallInt,
        threshold -> Integer,
        position -> Integer,
        visible -> SmallInt,
        created_at -> Datetime,
        updated_at -> Datetime,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::Datetime;

    metric_points (id) {
        id -> BigInt,
        metric_id -> BigInt,
        value -> Double,
        counter -> Integer,
        created_at -> Datetime,
        updated_at -> Datetime,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::Datetime;

    subscribers (id) {
        id -> BigInt,
        email -> Text,
        verify_code -> Text,
        phone_number -> Nullable<Text>,
        slack_webhook_url -> Nullable<Text>,
        verified_at -> Nullable<Datetime>,
        global -> Bool,
        created_at -> Datetime,
        updated_at -> Datetime,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::Datetime;

    subscriptions (id) {
        id -> BigInt,
        subscriber_id -> BigInt,
        component_id -> BigInt,
        created_at -> Datetime,
        updated_at -> Datetime,
    }
}

diesel::table! {
    settings (name) {
        name -> Text,
        value -> Text,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::Datetime;

    api_tokens (id) {
        id -> BigInt,
        name -> Text,
        token_hash -> Text,
        created_at -> Datetime,
        last_used_at -> Nullable<Datetime>,
        revoked_at -> Nullable<Datetime>,
    }
}

diesel::table! {
    revisions (id) {
        id -> Integer,
        value -> BigInt,
    }
}

diesel::table! {
    /// Incident totals by visibility, kept by triggers (migration `incident_counts`).
    incident_counts (visible) {
        visible -> Bool,
        total -> BigInt,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    component_groups,
    components,
    component_tags,
    component_status_changes,
    incidents,
    incident_counts,
    incident_components,
    incident_updates,
    incident_templates,
    schedules,
    schedule_components,
    metrics,
    metric_points,
    subscribers,
    subscriptions,
    settings,
    api_tokens,
    revisions,
);

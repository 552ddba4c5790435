//! Settings: defaults, typed validation that names the setting, upsert and delete.

use crate::util::{assert_invalid, assert_not_found};

cachet_core::backend_tests! {
    fn unset_settings_have_cachet_defaults(store: &Store) {
        let s = store.settings().unwrap();
        assert_eq!(s.app_name(), "Cachet");
        assert_eq!(s.major_outage_rate(), 50.0);
        assert_eq!(s.timezone(), chrono_tz::Tz::UTC);
        assert_eq!(s.incident_days(), 7);
        assert!(s.enable_subscribers());
        assert!(!s.always_authenticate());
    }

    fn known_settings_are_typed_and_errors_name_the_setting(store: &Store) {
        assert_invalid(store.set_setting("major_outage_rate", "150"), "major_outage_rate");
        assert_invalid(store.set_setting("major_outage_rate", "lots"), "major_outage_rate");
        assert_invalid(store.set_setting("app_timezone", "Mars/Olympus"), "app_timezone");
        assert_invalid(store.set_setting("app_incident_days", "0"), "app_incident_days");
        assert_invalid(store.set_setting("always_authenticate", "maybe"), "always_authenticate");
        assert_invalid(store.set_setting("app_domain", "status.example.com"), "app_domain");
        assert_invalid(store.set_setting("Bad Name", "x"), "name");
        assert_eq!(store.settings().unwrap().major_outage_rate(), 50.0, "nothing was stored");
    }

    fn setting_values_are_normalised(store: &Store) {
        assert_eq!(store.set_setting("always_authenticate", "true").unwrap(), "1");
        assert!(store.settings().unwrap().always_authenticate());
        assert_eq!(store.set_setting("app_timezone", "Europe/Paris").unwrap(), "Europe/Paris");
        assert_eq!(store.settings().unwrap().timezone(), chrono_tz::Europe::Paris);
        assert_eq!(store.set_setting("custom_key", "anything at all").unwrap(), "anything at all");
        assert_eq!(store.settings().unwrap().get("custom_key"), Some("anything at all"));
    }

    fn setting_a_setting_twice_keeps_the_last_value(store: &Store) {
        store.set_setting("app_name", "Acme").unwrap();
        store.set_setting("app_name", "Acme Status").unwrap();
        assert_eq!(store.settings().unwrap().app_name(), "Acme Status");
        assert_eq!(crate::util::count_rows(store, "settings"), 1);
    }

    fn deleting_a_setting_restores_its_default(store: &Store) {
        store.set_setting("major_outage_rate", "25").unwrap();
        assert_eq!(store.settings().unwrap().major_outage_rate(), 25.0);
        store.delete_setting("major_outage_rate").unwrap();
        assert_eq!(store.settings().unwrap().major_outage_rate(), 50.0);
        assert_not_found(store.delete_setting("major_outage_rate"));
    }
}

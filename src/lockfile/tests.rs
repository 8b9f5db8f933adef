//! Tests of the module's public API on the fixtures in testdata/lockfile.

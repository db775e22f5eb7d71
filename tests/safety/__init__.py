"""Tests for cielo.safety (a package so the test modules can share helpers from conftest)."""

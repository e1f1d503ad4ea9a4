/**
 * One jar for Keycloak 26.5, 26.6 and 26.7: where a Keycloak API the suite calls differs between those releases, the
 * one adapter for it. Each finds the member this server has once, when it loads. Imports no capability; the
 * linkage test ({@code KeycloakLinkageTest}) lists exactly these differences.
 */
package org.mfasuite.keycloak.compat;

package org.mfasuite.keycloak.admin;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.mfasuite.keycloak.access.PoliciesResource;
import org.mfasuite.keycloak.access.WhatIfResource;
import org.mfasuite.keycloak.apppassword.AppPasswordsResource;
import org.mfasuite.keycloak.audit.OverviewResource;
import org.mfasuite.keycloak.audit.SignInLogResource;
import org.mfasuite.keycloak.audit.UsageReportResource;
import org.mfasuite.keycloak.console.ConsolePermissions;
import org.mfasuite.keycloak.fraud.FraudReportsResource;
import org.mfasuite.keycloak.fraud.FraudSettingsResource;
import org.mfasuite.keycloak.imports.PhoneImportResource;
import org.mfasuite.keycloak.oath.OathTokensResource;
import org.mfasuite.keycloak.registration.RequireRegistrationResource;
import org.mfasuite.keycloak.registration.ResetMethodsResource;
import org.mfasuite.keycloak.registration.UserMethodsResource;
import org.mfasuite.keycloak.risk.RiskSettingsResource;
import org.mfasuite.keycloak.risk.UserRiskResource;
import org.mfasuite.keycloak.temporarypass.TemporaryPassResource;
import org.mfasuite.keycloak.trust.RememberedDevicesResource;

/**
 * The suite's admin REST root, {@code /admin/realms/{realm}/mfa}. It only routes: each sub-path belongs to the
 * capability that answers it, and that resource checks its own permission.
 */
public class MfaAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    public MfaAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                            AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    /** The admin console: what the caller may do in this realm (any authenticated admin, about themselves). */
    @Path("me")
    public ConsolePermissions me() {
        return new ConsolePermissions(realm, auth);
    }

    /** Conditional access: what policies would decide for a sign-in. */
    @Path("what-if")
    public WhatIfResource whatIf() {
        return new WhatIfResource(session, realm, auth);
    }

    /** Conditional access: every policy with its problems (view-realm), its impact, saving one (manage-realm). */
    @Path("policies")
    public PoliciesResource policies() {
        return new PoliciesResource(session, realm, auth, adminEvent);
    }

    /** Registration: a user's second-factor methods (view-users), removing one (manage-users). */
    @Path("users/{userId}/methods")
    public UserMethodsResource methods(@PathParam("userId") String userId) {
        return new UserMethodsResource(session, realm, auth, adminEvent, userId);
    }

    /** Registration: the user must register a method at the next sign-in (manage-users). */
    @Path("users/{userId}/require-registration")
    public RequireRegistrationResource requireRegistration(@PathParam("userId") String userId) {
        return new RequireRegistrationResource(session, realm, auth, adminEvent, userId);
    }

    /** Remembered devices: list (view-users) and forget all (manage-users). */
    @Path("users/{userId}/remembered-devices")
    public RememberedDevicesResource rememberedDevices(@PathParam("userId") String userId) {
        return new RememberedDevicesResource(session, realm, auth, adminEvent, userId);
    }

    /** Registration: the admin reset (lost phone). */
    @Path("users/{userId}/reset")
    public ResetMethodsResource reset(@PathParam("userId") String userId) {
        return new ResetMethodsResource(session, realm, auth, adminEvent, userId);
    }

    /** App passwords: list (view-users) and revoke (manage-users) a user's app passwords. */
    @Path("users/{userId}/app-passwords")
    public AppPasswordsResource appPasswords(@PathParam("userId") String userId) {
        return new AppPasswordsResource(session, realm, auth, adminEvent, userId);
    }

    /** Temporary access pass: issue (manage-users; the pass once), metadata (view-users), revoke (manage-users). */
    @Path("users/{userId}/temporary-pass")
    public TemporaryPassResource temporaryPass(@PathParam("userId") String userId) {
        return new TemporaryPassResource(session, realm, auth, adminEvent, userId);
    }

    /** User risk: level and reasons (view-users), dismiss (manage-users). */
    @Path("users/{userId}/risk")
    public UserRiskResource risk(@PathParam("userId") String userId) {
        return new UserRiskResource(session, realm, auth, adminEvent, userId);
    }

    /** Hardware OATH tokens: import (manage-users), the pool (view-users), assignment (manage-users). */
    @Path("oath-tokens")
    public OathTokensResource oathTokens() {
        return new OathTokensResource(session, realm, auth, adminEvent);
    }

    /** Import: users' phone numbers from MFA Server's CSV or Entra's Graph JSON (manage-users). */
    @Path("imports/phones")
    public PhoneImportResource phoneImport() {
        return new PhoneImportResource(session, realm, auth, adminEvent);
    }

    /** Audit: the two-step verification log (view-events; names and emails with view-users). */
    @Path("sign-ins")
    public SignInLogResource signIns() {
        return new SignInLogResource(session, realm, auth);
    }

    /** Audit: the admin console's overview in one read of the events (view-events; coverage view-users). */
    @Path("overview")
    public OverviewResource overview() {
        return new OverviewResource(session, realm, auth);
    }

    /** Audit: the usage report per day and method, and registration coverage (view-events; coverage view-users). */
    @Path("report")
    public UsageReportResource report() {
        return new UsageReportResource(session, realm, auth);
    }

    /** Fraud alert: the sign-ins users reported as not theirs (view-events). */
    @Path("fraud-reports")
    public FraudReportsResource fraudReports() {
        return new FraudReportsResource(session, realm, auth);
    }

    /** Fraud alert: what a report does, read (view-realm) and saved (manage-realm). */
    @Path("fraud-settings")
    public FraudSettingsResource fraudSettings() {
        return new FraudSettingsResource(realm, auth, adminEvent);
    }

    /** Sign-in risk: how it is judged, read (view-realm) and saved (manage-realm). */
    @Path("risk-settings")
    public RiskSettingsResource riskSettings() {
        return new RiskSettingsResource(realm, auth, adminEvent);
    }
}

package org.mfasuite.keycloak.oath;

import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.utils.FormMessage;
import org.mfasuite.keycloak.challenge.BruteForce;

/**
 * {@code mfa-oath-activate}: shows the pending token's label and asks for one code from it. A right code turns the
 * token into the user's OTP credential ({@code UPDATE_CREDENTIAL}, {@code credential_type=otp}); wrong codes count
 * as OTP failures with Keycloak's brute-force protection.
 */
public class OathActivateAction implements RequiredActionProvider {

    static final String TEMPLATE = "mfa-oath-activate.ftl";
    static final String FIELD = "mfaCode";

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        Optional<CredentialModel> pending = OathActivation.pending(context.getUser());
        if (pending.isEmpty()) {
            context.success();
            return;
        }
        context.challenge(page(context, pending.get(), null));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        UserModel user = context.getUser();
        Optional<CredentialModel> pending = OathActivation.pending(user);
        if (pending.isEmpty()) {
            context.success();
            return;
        }
        BruteForce guard = new BruteForce(context.getSession(), context.getRealm(), user);
        if (guard.isLockedOut()) {
            context.challenge(page(context, pending.get(), "mfa-oath-activate-locked"));
            return;
        }
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        Optional<CredentialModel> activated = OathActivation.activate(pending.get(), form.getFirst(FIELD),
                context.getRealm().getOTPPolicy().getLookAheadWindow());
        if (activated.isEmpty()) {
            guard.failed();
            context.getEvent().clone().event(EventType.UPDATE_CREDENTIAL_ERROR)
                    .detail(Details.CREDENTIAL_TYPE, OTPCredentialModel.TYPE)
                    .detail(Details.CUSTOM_REQUIRED_ACTION, OathActivateActionFactory.PROVIDER_ID)
                    .error("invalid_code");
            context.challenge(page(context, pending.get(), "mfa-oath-activate-invalid"));
            return;
        }
        guard.succeeded();
        user.credentialManager().updateStoredCredential(activated.get());
        noReplay(context, activated.get(), form.getFirst(FIELD));
        context.getEvent().clone().event(EventType.UPDATE_CREDENTIAL)
                .detail(Details.CREDENTIAL_TYPE, OTPCredentialModel.TYPE)
                .detail(Details.CREDENTIAL_ID, activated.get().getId())
                .detail(Details.CUSTOM_REQUIRED_ACTION, OathActivateActionFactory.PROVIDER_ID).success();
        Optional<CredentialModel> next = OathActivation.pending(user);
        if (next.isPresent()) {
            context.challenge(page(context, next.get(), null));
            return;
        }
        context.success();
    }

    /** The code that activated a TOTP token is used: Keycloak's OTP form refuses it after (its own replay key). */
    private static void noReplay(RequiredActionContext context, CredentialModel otp, String code) {
        OTPCredentialModel model = OTPCredentialModel.createFromCredentialModel(otp);
        if (OTPCredentialModel.TOTP.equals(model.getOTPCredentialData().getSubType())) {
            long lifespan = (long) model.getOTPCredentialData().getPeriod()
                    * (2L * context.getRealm().getOTPPolicy().getLookAheadWindow() + 1);
            context.getSession().singleUseObjects().putIfAbsent(otp.getId() + "." + code.replaceAll("\\s", ""), lifespan);
        }
    }

    private static Response page(RequiredActionContext context, CredentialModel pending, String error) {
        var form = context.form().setAttribute("mfaTokenLabel", pending.getUserLabel());
        if (error != null) {
            form.addError(new FormMessage(FIELD, error));
        }
        return form.createForm(TEMPLATE);
    }

    @Override
    public void close() {
    }
}

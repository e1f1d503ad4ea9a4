<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('code'); section>
<!-- template: mfa-phone-verify.ftl -->
    <#if section="header">
        ${msg("mfa-phone-verify-title")}
    <#elseif section="form">
        <form id="mfa-phone-verify-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <p id="mfa-phone-verify-intro">${msg("mfa-phone-verify-intro", mfaPhone.masked)}</p>
            <div class="${properties.kcFormGroupClass!}">
                <label for="code" class="${properties.kcLabelClass!}">${msg("mfa-sms-code-label")}</label>
                <input id="code" name="code" type="text" inputmode="numeric" pattern="[0-9 -]*"
                       autocomplete="one-time-code" maxlength="16" autofocus
                       class="${properties.kcInputClass!}"
                       aria-invalid="<#if messagesPerField.existsError('code')>true</#if>"/>
                <#if messagesPerField.existsError('code')>
                    <span id="input-error-code" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">
                        ${kcSanitize(messagesPerField.get('code'))?no_esc}
                    </span>
                </#if>
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <input id="mfa-phone-verify" name="verify" type="submit" value="${msg("mfa-phone-verify-submit")}"
                       class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"/>
            </div>
        </form>
        <form id="mfa-phone-verify-other-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <button id="mfa-sms-resend" name="resend" value="true" type="submit"
                        class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!}">
                    ${msg("mfa-sms-resend")}
                </button>
                <button id="mfa-phone-change-number" name="change-number" value="true" type="submit"
                        class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!}">
                    ${msg("mfa-phone-change-number")}
                </button>
                <#if isAppInitiatedAction??>
                    <button id="mfa-phone-cancel" name="cancel-aia" value="true" type="submit"
                            class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!}">
                        ${msg("doCancel")}
                    </button>
                </#if>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>

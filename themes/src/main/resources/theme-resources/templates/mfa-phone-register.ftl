<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('phoneNumber'); section>
<!-- template: mfa-phone-register.ftl -->
    <#if section="header">
        ${msg("mfa-phone-register-title")}
    <#elseif section="form">
        <form id="mfa-phone-register-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <p id="mfa-phone-register-intro">${msg("mfa-phone-register-intro")}</p>
            <div class="${properties.kcFormGroupClass!}">
                <label for="phoneNumber" class="${properties.kcLabelClass!}">${msg("mfa-phone-number-label")}</label>
                <input id="phoneNumber" name="phoneNumber" type="tel" autocomplete="tel" autofocus maxlength="64"
                       value="${mfaPhone.number}" aria-describedby="phoneNumber-hint"
                       class="${properties.kcInputClass!}"
                       aria-invalid="<#if messagesPerField.existsError('phoneNumber')>true</#if>"/>
                <span id="phoneNumber-hint" class="${properties.kcInputHelperTextClass!}">${msg("mfa-phone-number-hint")}</span>
                <#if messagesPerField.existsError('phoneNumber')>
                    <span id="input-error-phoneNumber" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">
                        ${kcSanitize(messagesPerField.get('phoneNumber'))?no_esc}
                    </span>
                </#if>
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <input id="mfa-phone-send" name="send" type="submit" value="${msg("mfa-phone-send-code")}"
                       class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"/>
                <#if isAppInitiatedAction??>
                    <button id="mfa-phone-cancel" name="cancel-aia" value="true" type="submit" formnovalidate
                            class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!}">
                        ${msg("doCancel")}
                    </button>
                </#if>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>

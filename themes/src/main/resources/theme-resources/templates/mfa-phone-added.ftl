<#import "template.ftl" as layout>
<#import "mfa-macros.ftl" as mfa>
<@layout.registrationLayout; section>
<!-- template: mfa-phone-added.ftl -->
    <#if section="header">
        ${msg("mfa-phone-added-title")}
    <#elseif section="form">
        <form id="mfa-phone-added-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
            <p id="mfa-phone-added">${msg((mfaLandline!false)?then("mfa-phone-added-voice", "mfa-phone-added"), mfaPhone.shown)}</p>
            <@mfa.actions>
                <@mfa.primaryButton id="mfa-phone-continue" name="mfa-action" value="continue" label=msg("doContinue")/>
            </@mfa.actions>
        </form>
    </#if>
</@layout.registrationLayout>

<#import "template.ftl" as layout>
<#import "mfa-macros.ftl" as mfa>
<@layout.registrationLayout displayMessage=false; section>
<!-- template: mfa-access-denied.ftl -->
    <#if section="header">
        ${msg(mfaRefusal.messagePrefix() + "-title")}
    <#elseif section="form">
        <div id="mfa-access-denied">
            <p id="mfa-access-reason">${msg(mfaRefusal.messagePrefix() + "-text")}</p>
            <@mfa.helpdesk contact=(mfaRefusal.helpdesk())!""/>
            <@mfa.supportDetails/>
            <p><a id="mfa-access-restart" href="${url.loginRestartFlowUrl}">${msg("mfa-access-restart")}</a></p>
        </div>
    </#if>
</@layout.registrationLayout>

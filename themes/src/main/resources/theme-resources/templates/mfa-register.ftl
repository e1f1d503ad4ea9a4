<#import "template.ftl" as layout>
<#import "mfa-macros.ftl" as mfa>
<@layout.registrationLayout displayMessage=false; section>
<!-- template: mfa-register.ftl -->
    <#assign state = mfaRegister.state>
    <#if section="header">
        <#if state == "DEFAULT">${msg("mfa-register-default-title")}<#elseif state == "NONE">${msg("mfa-register-none-title")}<#else>${msg("mfa-register-title")}</#if>
    <#elseif section="form">
        <#if state == "CHOOSE">
            <form id="mfa-register-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
                <p id="mfa-register-intro" class="pf-v5-u-mt-md pf-v5-u-mb-md">${msg(mfaRegister.intro)}</p>
                <#list mfaRegister.methods as m>
                    <@mfa.choiceButton id="mfa-register-${m.type()}" name="mfa-action" value="method:${m.type()}" label=msg(m.promptName()) hint=msg(m.promptHint())/>
                </#list>
                <#if (mfaRegister.snoozesLeft > 0)>
                    <@mfa.actions>
                        <@mfa.linkButton id="mfa-register-snooze" name="mfa-action" value="snooze" label=msg("mfa-register-snooze", mfaRegister.snoozesLeft?c)/>
                    </@mfa.actions>
                <#else>
                    <p id="mfa-register-required" class="pf-v5-u-font-size-sm">${msg("mfa-register-required")}</p>
                </#if>
            </form>
        <#elseif state == "DEFAULT">
            <form id="mfa-register-default-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
                <p id="mfa-register-default-intro" class="pf-v5-u-mt-md pf-v5-u-mb-md">${msg("mfa-register-default-intro")}</p>
                <#list mfaRegister.choices as c>
                    <@mfa.choiceButton id="mfa-default-${c?index}" name="mfa-action" value="default:${c.id()}"
                            label=msg(c.displayName()) + c.label()?has_content?then(" (" + c.label() + ")", "")/>
                </#list>
            </form>
        <#else>
            <div id="mfa-register-none">
                <p id="mfa-register-none-text" class="pf-v5-u-mt-md pf-v5-u-mb-md">${msg("mfa-register-none-text")}</p>
                <@mfa.helpdesk contact=mfaRegister.helpdesk/>
                <@mfa.supportDetails/>
                <p class="pf-v5-u-mt-md"><a id="mfa-register-restart" href="${url.loginRestartFlowUrl}">${msg("mfa-access-restart")}</a></p>
            </div>
        </#if>
    </#if>
</@layout.registrationLayout>

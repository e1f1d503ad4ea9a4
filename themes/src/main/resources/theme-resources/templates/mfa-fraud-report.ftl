<#import "template.ftl" as layout>
<#import "mfa-macros.ftl" as mfa>
<@layout.registrationLayout displayMessage=false; section>
<!-- template: mfa-fraud-report.ftl -->
    <#if section="header">
        ${msg("mfa-fraud-report-title")}
    <#elseif section="form">
        <div id="mfa-fraud-report" data-state="${mfaFraud.state}">
            <#if mfaFraud.state == "ask">
                <p id="mfa-fraud-report-question" class="pf-v5-u-mt-md pf-v5-u-mb-md">${msg("mfa-fraud-report-question")}</p>
                <form id="mfa-fraud-report-form" class="${properties.kcFormClass!}" action="${mfaFraud.action}" method="post">
                    <@mfa.actions>
                        <@mfa.primaryButton id="mfa-fraud-report-submit" name="mfa-action" value="report" label=msg("mfa-fraud-report-button")/>
                    </@mfa.actions>
                </form>
                <p id="mfa-fraud-report-ignore" class="pf-v5-u-mt-md">${msg("mfa-fraud-report-ignore")}</p>
            <#elseif mfaFraud.state == "done">
                <p id="mfa-fraud-report-done" class="pf-v5-u-mt-md pf-v5-u-mb-md">${msg("mfa-fraud-report-done")}</p>
            <#else>
                <p id="mfa-fraud-report-invalid" class="pf-v5-u-mt-md pf-v5-u-mb-md">${msg("mfa-fraud-report-invalid")}</p>
            </#if>
            <#if mfaFraud.reference?has_content>
                <p id="mfa-fraud-report-reference">${msg("mfa-fraud-report-reference", mfaFraud.reference)}</p>
            </#if>
        </div>
    </#if>
</@layout.registrationLayout>

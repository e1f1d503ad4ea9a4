<#ftl output_format="plainText">
<#-- Security notification of the MFA suite (text); the same attributes as html/mfa-security-email.ftl. -->
${msg("mfa-email-greeting", (user.firstName)!(user.username)!"")}

<#if mfaKind == "reset">${msg("mfa-email-reset")} <#list mfaMethodType?split(", ") as t><#if t?has_content>${msg("mfa-email-method-" + t)}<#sep>, </#if></#list>
<#else>${msg("mfa-email-" + mfaKind)} <#if mfaMethodType?has_content>${msg("mfa-email-method-" + mfaMethodType)}</#if><#if mfaMethodLabel?has_content> (${mfaMethodLabel})</#if>
</#if>

${msg("mfa-email-when")} ${mfaTime}
<#if mfaIp?has_content>${msg("mfa-email-ip")} ${mfaIp}
</#if><#if mfaBrowser?has_content>${msg("mfa-email-browser")} ${mfaBrowser}
</#if>

${msg("mfa-email-not-you")}

${msg("mfa-email-signature", realmName)}

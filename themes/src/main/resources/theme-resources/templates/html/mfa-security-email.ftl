<#-- Security notification of the MFA suite (html). Attributes: mfaKind (added, removed, default-changed, reset),
     mfaMethodType (a credential type; for reset a comma-separated list), mfaMethodLabel (masked), mfaTime, mfaIp,
     mfaBrowser. -->
<#macro methodName type label><#if type?has_content>${msg("mfa-email-method-" + type)}</#if><#if label?has_content> (${label})</#if></#macro>
<html lang="${locale.language}">
<body>
<p>${msg("mfa-email-greeting", (user.firstName)!(user.username)!"")}</p>
<p id="mfa-email-what"><#if mfaKind == "reset">${msg("mfa-email-reset")}
    <#list mfaMethodType?split(", ") as t><#if t?has_content>${msg("mfa-email-method-" + t)}<#sep>, </#if></#list>
<#else>${msg("mfa-email-" + mfaKind)} <strong><@methodName type=mfaMethodType label=mfaMethodLabel/></strong></#if></p>
<table>
    <tr><td>${msg("mfa-email-when")}</td><td>${mfaTime}</td></tr>
    <#if mfaIp?has_content><tr><td>${msg("mfa-email-ip")}</td><td>${mfaIp}</td></tr></#if>
    <#if mfaBrowser?has_content><tr><td>${msg("mfa-email-browser")}</td><td>${mfaBrowser}</td></tr></#if>
</table>
<p>${msg("mfa-email-not-you")}</p>
<p>${msg("mfa-email-signature", realmName)}</p>
</body>
</html>

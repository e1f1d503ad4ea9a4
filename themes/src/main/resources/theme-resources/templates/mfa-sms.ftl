<#-- Sign-in by text message: the shared code page, worded for texts. -->
<#include "mfa-phone-code.ftl">

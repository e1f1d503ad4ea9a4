<#-- Sign-in by phone call: the shared code page, worded for calls. -->
<#include "mfa-phone-code.ftl">

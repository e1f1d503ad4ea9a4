<#-- Form parts shared by the suite's pages. They follow keycloak.v2's markup where the theme has it
     (detected by its kcFormLabelTextClass) and the classic markup otherwise, so the pages fit any login theme. -->
<#assign v2 = (properties.kcFormLabelTextClass)??>

<#macro field name label type="text" value="" autocomplete="off" inputmode="" hint="" maxlength="64">
    <#local error = messagesPerField.existsError(name)>
    <div class="${properties.kcFormGroupClass!}">
        <div class="${properties.kcFormGroupLabelClass!properties.kcLabelWrapperClass!}">
            <label for="${name}" class="${properties.kcFormLabelClass!properties.kcLabelClass!}">
                <span class="${properties.kcFormLabelTextClass!}">${label}</span>
            </label>
        </div>
        <#if v2><span class="${properties.kcInputClass!} <#if error>${properties.kcError!}</#if>"><#else><div class="${properties.kcInputWrapperClass!}"></#if>
            <input id="${name}" name="${name}" type="${type}" value="${value}" autocomplete="${autocomplete}" autofocus
                   maxlength="${maxlength}" <#if inputmode?has_content>inputmode="${inputmode}"</#if>
                   <#if !v2>class="${properties.kcInputClass!}"</#if>
                   aria-invalid="<#if error>true<#else>false</#if>"
                   <#if error>aria-describedby="input-error-${name}"<#elseif hint?has_content>aria-describedby="${name}-hint"</#if>/>
        <#if v2>
            <#if error>
                <span class="${properties.kcFormControlUtilClass!}">
                    <span class="${properties.kcInputErrorIconStatusClass!}">
                        <i class="${properties.kcInputErrorIconClass!}" aria-hidden="true"></i>
                    </span>
                </span>
            </#if>
            </span>
        </#if>
        <#if error>
            <div class="${properties.kcFormHelperTextClass!}" aria-live="polite">
                <div class="${properties.kcInputHelperTextClass!}">
                    <div class="${properties.kcInputHelperTextItemClass!} ${properties.kcError!}">
                        <span id="input-error-${name}" class="${properties.kcInputErrorMessageClass!}">
                            ${kcSanitize(messagesPerField.get(name))?no_esc}
                        </span>
                    </div>
                </div>
            </div>
        <#elseif hint?has_content>
            <div class="${properties.kcFormHelperTextClass!}">
                <div class="${properties.kcInputHelperTextClass!}">
                    <span id="${name}-hint" class="${properties.kcInputHelperTextItemClass!}">${hint}</span>
                </div>
            </div>
        </#if>
        <#if !v2></div></#if>
    </div>
</#macro>

<#-- A choice from a short list: options is a sequence of [value, label] pairs. -->
<#macro select name label options selected="">
    <#local error = messagesPerField.existsError(name)>
    <div class="${properties.kcFormGroupClass!}">
        <div class="${properties.kcFormGroupLabelClass!properties.kcLabelWrapperClass!}">
            <label for="${name}" class="${properties.kcFormLabelClass!properties.kcLabelClass!}">
                <span class="${properties.kcFormLabelTextClass!}">${label}</span>
            </label>
        </div>
        <#if v2><span class="${properties.kcInputClass!} <#if error>${properties.kcError!}</#if>"><#else><div class="${properties.kcInputWrapperClass!}"></#if>
            <select id="${name}" name="${name}" <#if !v2>class="${properties.kcInputClass!}"</#if>
                    aria-invalid="<#if error>true<#else>false</#if>" <#if error>aria-describedby="input-error-${name}"</#if>>
                <#list options as option>
                    <option value="${option[0]}" <#if option[0] == selected>selected</#if>>${option[1]}</option>
                </#list>
            </select>
        <#if v2></span><#else></div></#if>
        <#if error>
            <div class="${properties.kcFormHelperTextClass!}" aria-live="polite">
                <div class="${properties.kcInputHelperTextClass!}">
                    <div class="${properties.kcInputHelperTextItemClass!} ${properties.kcError!}">
                        <span id="input-error-${name}" class="${properties.kcInputErrorMessageClass!}">
                            ${kcSanitize(messagesPerField.get(name))?no_esc}
                        </span>
                    </div>
                </div>
            </div>
        </#if>
    </div>
</#macro>

<#-- A warning box in either theme's markup. -->
<#macro warning id>
    <div id="${id}" class="<#if v2>pf-v5-c-alert pf-m-warning pf-m-inline pf-v5-u-mb-md<#else>alert alert-warning</#if>" role="alert">
        <#if v2><p class="pf-v5-c-alert__title"><#nested></p><#else><span class="${properties.kcFeedbackWarningIcon!}"></span> <span class="kc-feedback-text"><#nested></span></#if>
    </div>
</#macro>

<#-- The one-time code: digits only, autofilled from the SMS on phones. -->
<#macro codeField label>
    <@field name="code" label=label autocomplete="one-time-code" inputmode="numeric" maxlength="16"/>
</#macro>

<#-- A checkbox: keycloak.v2's markup (kcCheckboxClass) where the theme has it, the classic "checkbox" otherwise. -->
<#macro checkbox name label checked=false>
    <div class="${properties.kcFormGroupClass!}">
        <div class="${properties.kcCheckboxClass!"checkbox"}">
            <label for="${name}" class="${properties.kcCheckboxClass!}">
                <input id="${name}" name="${name}" type="checkbox" value="on" class="${properties.kcCheckboxInputClass!}"
                       <#if checked>checked</#if>/>
                <span class="${properties.kcCheckboxLabelClass!}">${label}</span>
            </label>
        </div>
    </div>
</#macro>

<#macro actions>
    <div class="${properties.kcFormGroupClass!}">
        <div class="${properties.kcFormActionGroupClass!} ${properties.kcFormButtonsClass!}">
            <#nested>
        </div>
    </div>
</#macro>

<#-- wait > 0: a send that would be refused now. The button stays disabled and counts down; without
     JavaScript it is enabled by a refresh after the wait, never offered to fail. -->
<#macro primaryButton id name label value="" wait=0>
    <button id="${id}" name="${name}" <#if value?has_content>value="${value}"</#if> type="submit"
            class="<#if !v2>${properties.kcButtonClass!} </#if>${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"
            <#if (wait > 0)>disabled data-mfa-wait="${wait?c}"</#if>>
        ${label}<@countdown wait=wait/>
    </button>
</#macro>

<#-- Secondary actions look like links, as Keycloak's own "Try another way". The classic theme has no
     link-button class: PatternFly 4's pf-m-link, each in a form group for spacing (no inline style: CSP). -->
<#macro linkButton id name value label wait=0>
    <#if !v2><div class="${properties.kcFormGroupClass!}"></#if>
    <button id="${id}" name="${name}" value="${value}" type="submit" formnovalidate
            class="<#if v2>${properties.kcButtonLinkClass!}<#else>${properties.kcButtonClass!} pf-m-link</#if> ${properties.kcButtonBlockClass!}"
            <#if (wait > 0)>disabled data-mfa-wait="${wait?c}"</#if>>
        ${label}<@countdown wait=wait/>
    </button>
    <#if !v2></div></#if>
</#macro>

<#-- Under a minute "25 s"; longer waits (a number or send limit, up to an hour) as minutes:seconds, "35:02". -->
<#macro countdown wait>
    <#if (wait >= 60)><span class="mfa-countdown"> (${(wait / 60)?floor?c}:${(wait % 60)?string("00")})</span>
    <#elseif (wait > 0)><span class="mfa-countdown"> (${msg("mfa-wait-seconds", wait?c)})</span></#if>
</#macro>

<#-- Counts the waiting buttons down and enables them at zero. -->
<#macro countdownScript>
    <script>
        document.querySelectorAll("[data-mfa-wait]").forEach(function (button) {
            var left = parseInt(button.getAttribute("data-mfa-wait"), 10);
            var shown = button.querySelector(".mfa-countdown");
            var template = "${msg("mfa-wait-seconds", "{0}")?js_string}";
            var timer = setInterval(function () {
                left--;
                if (left <= 0) {
                    clearInterval(timer);
                    button.disabled = false;
                    if (shown) { shown.textContent = ""; }
                } else if (shown) {
                    shown.textContent = " (" + (left >= 60
                        ? Math.floor(left / 60) + ":" + ("0" + left % 60).slice(-2)
                        : template.replace("{0}", left)) + ")";
                }
            }, 1000);
        });
    </script>
</#macro>

<#-- Whom to contact when no code can be sent: the realm's helpdesk, else the administrator. -->
<#macro helpdesk contact="">
    <p id="mfa-helpdesk"><#if contact?has_content>${msg("mfa-helpdesk", contact)}<#else>${msg("mfa-helpdesk-admin")}</#if></p>
</#macro>

<#-- "Details for your helpdesk": what users send to support; the reference finds the sign-in's event and log
     line. The copy button needs JavaScript; without it the text can be selected. -->
<#macro supportDetails>
    <#if mfaSupport??>
        <div id="mfa-support" class="<#if v2>pf-v5-c-card pf-m-plain pf-m-compact pf-v5-u-mt-md<#else>well</#if>">
            <p class="pf-v5-u-font-weight-bold"><strong>${msg("mfa-support-title")}</strong></p>
            <dl id="mfa-support-details" class="<#if v2>pf-v5-c-description-list pf-m-horizontal pf-m-compact</#if>">
                <@supportRow id="time" label=msg("mfa-support-time") value=mfaSupport.time/>
                <@supportRow id="reference" label=msg("mfa-support-reference") value=mfaSupport.reference/>
                <@supportRow id="realm" label=msg("mfa-support-realm") value=mfaSupport.realm/>
                <@supportRow id="client" label=msg("mfa-support-client") value=(mfaSupport.client)!""/>
                <@supportRow id="username" label=msg("mfa-support-username") value=(mfaSupport.username)!""/>
                <@supportRow id="policy" label=msg("mfa-support-policy") value=(mfaSupport.policy)!""/>
                <@supportRow id="error" label=msg("mfa-support-error") value=mfaSupport.error/>
            </dl>
            <textarea id="mfa-support-text" class="pf-v5-u-screen-reader" readonly aria-hidden="true" tabindex="-1">${mfaSupport.text}</textarea>
            <button id="mfa-support-copy" type="button" hidden
                    class="pf-v5-u-mt-md <#if v2>${properties.kcButtonSecondaryClass!}<#else>${properties.kcButtonClass!} ${properties.kcButtonDefaultClass!}</#if>"
                    data-copied="${msg("mfa-support-copied")}">${msg("mfa-support-copy")}</button>
        </div>
        <script>
            (function () {
                var button = document.getElementById("mfa-support-copy");
                var text = document.getElementById("mfa-support-text").value;
                if (!navigator.clipboard) { return; }
                button.hidden = false;
                button.addEventListener("click", function () {
                    navigator.clipboard.writeText(text).then(function () {
                        button.textContent = button.getAttribute("data-copied");
                    });
                });
            })();
        </script>
    </#if>
</#macro>

<#macro supportRow id label value>
    <#if value?has_content>
        <div class="<#if v2>pf-v5-c-description-list__group</#if>">
            <dt class="<#if v2>pf-v5-c-description-list__term</#if>">${label}</dt>
            <dd id="mfa-support-${id}" class="<#if v2>pf-v5-c-description-list__description</#if>">${value}</dd>
        </div>
    </#if>
</#macro>

<#-- One choice among several (a method to set up, a default, another way to sign in): a full-width secondary button
     with an optional line under it. -->
<#macro choiceButton id name value label hint="">
    <div class="${properties.kcFormGroupClass!}">
        <button id="${id}" name="${name}" value="${value}" type="submit" formnovalidate
                class="<#if v2>${properties.kcButtonSecondaryClass!}<#else>${properties.kcButtonClass!} ${properties.kcButtonDefaultClass!}</#if> ${properties.kcButtonBlockClass!}">
            ${label}
        </button>
        <#if hint?has_content><p class="pf-v5-u-font-size-sm pf-v5-u-mt-xs">${hint}</p></#if>
    </div>
</#macro>

<#-- "Sign in another way" on a second-factor page: the user's other methods of this sign-in step, each one click
     away (Keycloak switches to it when the form posts its execution id); with none, says so and names the helpdesk.
     current: the authenticator id of the page's own method. The ways come from mfaWays (flow.OtherWays), which
     also takes them off Keycloak's "Try Another Way" link, so the page offers them once. -->
<#-- The same phone by the other channel ("Call me instead" / "Text me instead"): one click to that step, which then
     sends at once. sibling: its authenticator id; label: the button's text. Nothing when the flow has no such step. -->
<#macro switchWay sibling label>
    <#if sibling?has_content>
        <#list mfaWays![] as s>
            <#if s.authenticationExecution.authenticator == sibling>
                <form id="mfa-switch-way-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
                    <@linkButton id="mfa-switch-way" name="authenticationExecution" value=s.authExecId label=label/>
                </form>
                <#break>
            </#if>
        </#list>
    </#if>
</#macro>

<#-- only: when given, the execution ids (comma-separated, "none" for none) of the ways the user can really use:
     Keycloak lists steps that check no credential (a call step) even for users who lack what they need. -->
<#macro otherWays current contact="" sibling="" only="">
    <#local others = []>
    <#if mfaWays?has_content>
        <#list mfaWays as s>
            <#if s.authenticationExecution.authenticator != current && s.authenticationExecution.authenticator != sibling
                    && (!only?has_content || only?split(",")?seq_contains(s.authExecId))><#local others = others + [s]></#if>
        </#list>
    </#if>
    <div id="mfa-other-ways" class="pf-v5-u-mt-lg">
        <#if others?has_content>
            <p id="mfa-other-ways-title" class="pf-v5-u-font-weight-bold"><strong>${msg("mfa-other-ways-title")}</strong></p>
            <form id="mfa-other-ways-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
                <#list others as s>
                    <@choiceButton id="mfa-other-way-${s?index}" name="authenticationExecution" value=s.authExecId label=msg((s.displayName == "otp-display-name" && mfaOtpLabel??)?then(mfaOtpLabel!"", s.displayName))/>
                </#list>
            </form>
        <#else>
            <p id="mfa-other-ways-none">${msg("mfa-other-ways-none")}</p>
            <@helpdesk contact=contact/>
        </#if>
    </div>
</#macro>

// Shows one of FibroPlan's Questionnaires, read from its FHIR API, in LHC-Forms; "Send answers" posts the
// QuestionnaireResponse LHC-Forms makes of what was entered (LHC-Forms sets its subject from the Patient
// resource given), as it is, with the patient's bearer token.
// The test reads #result.
var session = null;

function show(id, text) { document.getElementById(id).textContent = text; }

function report(outcome) {
  document.getElementById("result").textContent = JSON.stringify(outcome, null, 2);
  document.body.setAttribute("data-outcome", outcome.state);
}

/** fhirBase e.g. http://localhost:8080/fhir; token a patient's access token; id the Questionnaire's id. */
async function showQuestionnaire(fhirBase, token, patientId, id) {
  try {
    await load(fhirBase, token, patientId, id);
  } catch (e) {
    report({ state: "not-loaded", error: String(e && e.message || e) });
  }
}

async function load(fhirBase, token, patientId, id) {
  session = { fhirBase: fhirBase, token: token, patientId: patientId };
  document.body.removeAttribute("data-outcome");
  show("result", "");
  var answer = await fetch(fhirBase + "/Questionnaire/" + encodeURIComponent(id), {
    headers: { "Authorization": "Bearer " + token, "Accept": "application/fhir+json" }
  });
  var questionnaire = await answer.json();
  if (!answer.ok) {
    report({ state: "not-loaded", status: answer.status, body: questionnaire });
    return;
  }
  show("title", questionnaire.title);
  try {
    await LForms.Util.addFormToPage(questionnaire, document.getElementById("questionnaire"), { prepopulate: false });
    show("status", "Shown: " + questionnaire.url + "|" + questionnaire.version);
    document.getElementById("send").hidden = false;
    document.body.setAttribute("data-outcome", "rendered");
  } catch (e) {
    report({ state: "not-rendered", error: String(e && e.message || e) });
  }
}

document.getElementById("send").addEventListener("click", function () {
  send().catch(function (e) { report({ state: "refused", error: String(e && e.message || e) }); });
});

async function send() {
  var response = LForms.Util.getFormFHIRData("QuestionnaireResponse", "R4", document.getElementById("questionnaire"),
      { subject: { resourceType: "Patient", id: session.patientId } });
  var answer = await fetch(session.fhirBase + "/QuestionnaireResponse", {
    method: "POST",
    headers: {
      "Authorization": "Bearer " + session.token,
      "Content-Type": "application/fhir+json",
      "Accept": "application/fhir+json"
    },
    body: JSON.stringify(response)
  });
  var body = await answer.json();
  report({ state: answer.ok ? "accepted" : "refused", status: answer.status, id: body.id, sent: response, body: answer.ok ? undefined : body });
}

// A small connected app: after the SMART launch it shows the patient's active plan and sends a pain check-in
// (a QuestionnaireResponse to FibroPlan's pain-nrs Questionnaire, version-specific as SDC asks).
// The test reads #result; a person reads the page.
var PAIN_NRS = "http://fibroplan.org/fhir/Questionnaire/pain-nrs";
var result = { steps: [] };

function show(id, text) { document.getElementById(id).textContent = text; }
function record(step, value) { result[step] = value; result.steps.push(step); show("result", JSON.stringify(result, null, 2)); }

FHIR.oauth2.ready().then(async function (client) {
  record("patient", client.getPatientId());
  record("fhirUser", client.getFhirUser());
  record("grantedScopes", client.getState("tokenResponse.scope"));
  show("status", "Signed in.");

  var plans = await client.request("CarePlan?subject=Patient/" + client.getPatientId() + "&status=active", { flat: true });
  var plan = plans[0];
  record("carePlan", plan ? { id: plan.id, status: plan.status, activities: (plan.activity || []).length } : null);
  document.getElementById("plan").hidden = false;
  show("plan-summary", plan ? (plan.title || "Your care plan") + ": " + (plan.activity || []).length + " things to do" : "No approved plan yet.");

  var questionnaires = await client.request("Questionnaire?url=" + encodeURIComponent(PAIN_NRS) + "&status=active", { flat: true });
  var questionnaire = questionnaires[0];
  record("questionnaire", questionnaire.url + "|" + questionnaire.version);
  show("questionnaire-title", questionnaire.title);
  // one control per question: a number for a 0-10 score, a list for a choice (here: which buttock)
  var questions = document.getElementById("questions");
  questionnaire.item.forEach(function (item) {
    var label = document.createElement("label");
    label.textContent = item.text + " ";
    var control;
    if (item.type === "integer") {
      control = document.createElement("input");
      control.type = "number"; control.min = "0"; control.max = "10";
    } else {
      control = document.createElement("select");
      control.appendChild(new Option("(does not apply)", ""));
      item.answerOption.forEach(function (option, index) { control.appendChild(new Option(option.valueCoding.display, String(index))); });
    }
    control.name = item.linkId; control.id = "q-" + item.linkId;
    label.appendChild(control);
    questions.appendChild(label);
  });
  var form = document.getElementById("pain-form");
  form.hidden = false;

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    // The answered questions, in the Questionnaire's order (the server checks enableWhen and required).
    var items = questionnaire.item.filter(function (item) { return form.elements[item.linkId].value !== ""; }).map(function (item) {
      var value = form.elements[item.linkId].value;
      var answer = item.type === "integer" ? { valueInteger: parseInt(value, 10) } : { valueCoding: item.answerOption[Number(value)].valueCoding };
      return { linkId: item.linkId, text: item.text, answer: [answer] };
    });
    var response = {
      resourceType: "QuestionnaireResponse",
      questionnaire: questionnaire.url + "|" + questionnaire.version,
      status: "completed",
      subject: { reference: "Patient/" + client.getPatientId() },
      authored: new Date().toISOString(),
      item: items
    };
    try {
      var created = await client.create(response);
      record("created", { id: created.id, status: created.status });
      show("status", "Thank you: your pain scores were sent.");
    } catch (e) {
      record("error", e.message);
      show("status", "Sending failed: " + e.message);
    }
  });
}).catch(function (e) {
  record("error", e.message);
  show("status", "Sign-in failed: " + e.message);
});

// Independent vignette bank for the triage self-test. Each vignette is a story, a chief complaint as the patient
// or parent would type it (zh or en), and the facts they know as plain-language concept patterns, with
//   band: infant (< 1 y) | toddler (1-4 y) | school (5-13 y) | adult | older (65+), checked against the age;
//   source: the public guideline example or teaching case it is written from.
// The first 88 ("in-house v1") were written by the project as stories of common case types (the kinds of case, not
// the texts, of standardized-patient studies); the v2 cases (issue 14) come from guideline examples and teaching
// cases named in `source`. No vignette is copied from a published symptom-checker evaluation set (Semigran et al.
// 2015 and later): keep it that way, so that the bank stays independent of the sets the product is judged on.
// The answering agent (run.mjs) says "yes" to a question whose text matches one of `yes` and none of `no` (what
// the story explicitly denies), gives `nums`
// for number questions, `days` for duration choices, and "no"/"not sure" to anything the story does not mention.
//   expect: emergent | nonemergent | selfcare
// Patterns are case-insensitive regular expressions over the question (and option) text.

// Breathlessness as the patient reports it; the severe degrees (can't finish a sentence, blue lips) are separate facts.
const BREATH = 'short(ness)? of breath|breathless|can.?t (catch|get) (your|my)? ?breath';

export const vignettes = [
  // ---------------------------------------------------------------- emergent
  {
    id: 'mi', expect: 'emergent', band: 'adult', source: 'in-house v1 case; NICE CG95 Recent-onset chest pain of suspected cardiac origin', text: 'chest pain', patient: { age_years: 58, sex: 'male' },
    story: 'Crushing pressure in the middle of the chest for 40 minutes, spreading to the left arm, sweaty and sick.',
    yes: ['pressure|crushing|squeez|tight|heavy', 'arm|jaw|shoulder|neck', 'sweat|clammy', 'nause|sick to|feel sick',
      'now|right now|still|ongoing|more than (15|20|10) minutes|at rest'], no: ['collaps|faint|blue|grey|sentence|breath'],
    nums: { 'pain|score|severe': 8 }, days: 0.03,
  },
  {
    id: 'stroke', expect: 'emergent', band: 'older', source: 'in-house v1 case; NICE NG128 Stroke (FAST)', text: 'my face is drooping and my arm feels weak', patient: { age_years: 70, sex: 'female' },
    story: 'An hour ago her right arm went weak, the right side of her face drooped and her speech became slurred.',
    yes: ['face|droop', 'arm|leg|one side', 'weak|numb', 'speech|speak|slurr|words|talk', 'sudden|suddenly'],
    days: 0.05,
  },
  {
    id: 'pe', expect: 'emergent', band: 'adult', source: 'in-house v1 case; NICE NG158 Venous thromboembolic diseases (PE)', text: "I suddenly can't catch my breath", patient: { age_years: 32, sex: 'female' },
    story: 'Sudden breathlessness and a sharp chest pain that is worse on breathing in, two days after a 12-hour flight; takes the combined pill; heart racing.',
    yes: [BREATH, 'sudden', 'chest pain|pain in (your|the) chest', 'sharp|worse (when|on) breath|deep breath|breathing in',
      'pill|contracept|oestrogen|estrogen|hormone', 'flight|travel|long journey|immobil', 'heart.*(fast|racing|pound)|racing|palpitat'],
    no: ['food|sting|medicine|allerg|sentence|blue|grey|collaps|faint|drows|confus|cough'],
    days: 0.2,
  },
  {
    id: 'meningitis', expect: 'emergent', band: 'adult', source: 'in-house v1 case; NICE NG240 Bacterial meningitis', text: 'bad headache and fever', patient: { age_years: 19, sex: 'male' },
    story: 'Student with a severe headache and fever since this morning, stiff neck, light hurts his eyes, vomited twice.',
    yes: ['stiff neck|neck.*(stiff|bend)|chin', 'light|photophob', 'fever|temperature|hot', 'vomit|throw', 'severe|worst|bad'], no: ['within a minute|thunderclap|like being hit'],
    nums: { 'temperat|°': 39.5, 'pain|score': 8 }, days: 0.5,
  },
  {
    id: 'appendicitis', expect: 'emergent', band: 'adult', source: 'in-house v1 case; NICE CKS Appendicitis', text: 'stomach pain', patient: { age_years: 22, sex: 'male' },
    story: 'Pain began around the belly button last night and has moved to the lower right; worse walking and coughing; nauseated, off food, 37.9 °C.',
    yes: ['right (lower|side)|lower right', 'moved|started (around|near) the (belly button|navel)', 'walk|cough|bump|jolt|move',
      'nause|feel sick', 'appetite|off (your|my) food|not hungry', 'constant|getting worse|worse|severe'], no: ['severe and constant|hard to touch'],
    nums: { 'temperat|°': 37.9, 'pain|score': 7 }, days: 0.6,
  },
  {
    id: 'asthma', expect: 'emergent', band: 'adult', source: 'in-house v1 case; BTS/SIGN 158 acute asthma (life-threatening features)', text: 'asthma attack, I can hardly breathe', patient: { age_years: 25, sex: 'female' },
    story: 'Known asthmatic, wheezing badly; reliever inhaler used 4 times in an hour without help; cannot finish a sentence.',
    yes: ['asthma', 'inhaler|reliever|puffer|not help|no help|not work', 'sentence|talk|speak|words', 'wheez', BREATH],
    days: 0.1,
  },
  {
    id: 'anaphylaxis', expect: 'emergent', band: 'adult', source: 'in-house v1 case; Resuscitation Council UK anaphylaxis 2021', text: 'my lips are swelling after eating peanuts', patient: { age_years: 30, sex: 'male' },
    story: 'Minutes after a peanut snack his lips and tongue swelled, throat feels tight, hives all over, light-headed.',
    yes: ['throat|swallow|tight', 'lip|tongue|face', 'swell', 'hive|rash|itch|welt', 'dizz|faint|light.?head', 'allerg|nut|food|ate|eaten'], no: ['glass|purple|dark red'],
    days: 0.02,
  },
  {
    id: 'dka', expect: 'emergent', band: 'adult', source: 'in-house v1 case; NICE NG18 Diabetes in children (DKA)', text: 'throwing up and really thirsty', patient: { age_years: 14, sex: 'male' },
    story: 'Type 1 diabetic teenager, two days of thirst and peeing a lot, now vomiting, belly pain, breathing deep and fast, drowsy.',
    yes: ['diabet|sugar|insulin', 'thirst', 'urin|pee|wee', 'vomit|throw|sick', 'drows|sleepy|confus|hard to wake', 'breath.*(fast|deep)|fast.*breath',
      'belly|abdom|stomach|tummy'], no: ['head injury|stiff neck|severe headache|blood|coffee|bile'],
    nums: { 'temperat|°': 37.2 }, days: 2,
  },
  {
    id: 'liver_failure', expect: 'emergent', band: 'adult', source: 'in-house v1 case; NICE CKS Poisoning (paracetamol); acute liver injury', text: 'my eyes and skin have gone yellow', patient: { age_years: 45, sex: 'female' },
    story: 'Took lots of paracetamol for a week for toothache; now yellow eyes, confused and drowsy, vomiting, pain under the right ribs.',
    yes: ['yellow|jaundice', 'confus|drows|sleepy|muddled', 'vomit|throw', 'paracetamol|acetaminophen|tylenol|medicine|overdose|tablets|too many',
      'right.*(rib|upper)|upper right|belly pain|abdominal pain|tummy'],
    days: 2,
  },
  {
    id: 'malaria', expect: 'emergent', band: 'adult', source: 'in-house v1 case; UKHSA malaria guidance (fever in a returning traveller)', text: 'fever and chills', patient: { age_years: 28, sex: 'male' },
    story: 'Back from Nigeria 10 days ago (no malaria tablets); two days of high fever with shaking chills, headache and aches.',
    yes: ['travel|abroad|malaria|tropic|africa|overseas|returned|trip', 'chill|shiver|shak|rigor', 'headache', 'ache|muscle'], no: ['stiff neck|glass|light hurting|rash'],
    nums: { 'temperat|°': 39.8 }, days: 2,
  },
  {
    id: 'rmsf_child', expect: 'emergent', band: 'school', source: 'in-house v1 case; CDC tick-borne spotted fever clinical guidance (child with fever and rash after a tick bite)', text: 'fever and a rash', patient: { age_years: 8, sex: 'male' },
    story: 'Camping a week ago, found a tick; 3 days fever 39.4 and headache, now red spots that started on wrists and ankles and spread, some look like small bruises.',
    yes: ['rash|spots', 'tick', 'headache', 'spread', 'bruise|purple|dots|pinprick', 'wrist|ankle|palm|sole'], no: ['glass|stiff neck'],
    nums: { 'temperat|°': 39.4 }, days: 3,
  },
  {
    id: 'pneumonia_older', expect: 'emergent', band: 'older', source: 'in-house v1 case; NICE NG138/CG191 Pneumonia (CRB65)', text: 'cough and fever', patient: { age_years: 79, sex: 'female' },
    story: 'Three days of cough with yellow-green phlegm, fever 38.7, breathing fast and short of breath, newly confused today.',
    yes: ['cough', 'phlegm|sputum|mucus|yellow|green', BREATH, 'fast', 'confus|muddled|not making sense|drows'],
    nums: { 'temperat|°': 38.7, 'breath|rate': 28 }, days: 3,
  },
  {
    id: 'pyelonephritis', expect: 'emergent', band: 'adult', source: 'in-house v1 case; NICE NG111 Pyelonephritis (acute)', text: 'pain when peeing and fever', patient: { age_years: 30, sex: 'female' },
    story: 'Burning urine 3 days, now fever 39.5 with shaking chills, pain in the right side of the back below the ribs, vomiting and cannot keep fluids down.',
    yes: ['burn|sting|pain.*(pee|urin|wee)', 'often|frequen|urgen', 'chill|shiver|shak|rigor', 'back|side|flank|loin|below the ribs',
      'vomit|throw', 'keep (fluids|water|anything) down|can.?t drink'],
    nums: { 'temperat|°': 39.5 }, days: 3,
  },
  {
    id: 'heart_failure', expect: 'emergent', band: 'older', source: 'in-house v1 case; NICE NG106 Chronic heart failure (acute decompensation)', text: 'short of breath when I lie down', patient: { age_years: 74, sex: 'male' },
    story: 'Heart failure patient, a week of worsening breathlessness, now breathless at rest and waking up gasping, ankles very swollen, coughing frothy pink phlegm.',
    yes: [BREATH, 'lying|flat|pillow|night|wake', 'swell|ankle|leg', 'heart', 'rest|sitting|talk|sentence', 'frothy|pink|foam', 'cough', 'worse|getting worse'],
    days: 7,
  },
  {
    id: 'sah', expect: 'emergent', band: 'adult', source: 'in-house v1 case; NICE NG228 Subarachnoid haemorrhage', text: 'sudden terrible headache', patient: { age_years: 45, sex: 'female' },
    story: 'While lifting boxes: instant, worst headache of her life, reaching full strength within a minute; vomited; neck stiff.',
    yes: ['sudden|thunderclap|worst|seconds|instant|minute', 'vomit|throw', 'neck|stiff', 'light', 'severe|bad'],
    nums: { 'pain|score': 10 }, days: 0.05,
  },
  {
    id: 'ectopic', expect: 'emergent', band: 'adult', source: 'in-house v1 case; NICE NG126 Ectopic pregnancy and miscarriage', text: 'lower belly pain and bleeding', patient: { age_years: 28, sex: 'female', pregnant: true },
    story: 'Six weeks pregnant, sharp pain low on the left side since this morning, some vaginal bleeding, feels faint, pain in the shoulder tip.',
    yes: ['bleed|spot', 'one side|left|right', 'dizz|faint|light.?head', 'shoulder', 'pregnan|period|missed', 'sharp|severe'], no: ['fainted|cold and sweaty'],
    nums: { 'week': 6, 'pain|score': 8 }, days: 0.3,
  },
  {
    id: 'dvt', expect: 'emergent', band: 'adult', source: 'in-house v1 case; NICE NG158 Venous thromboembolic diseases (DVT)', text: 'my calf is swollen and painful', patient: { age_years: 55, sex: 'male' },
    story: 'Knee operation 10 days ago; now one calf swollen, red, warm and tender; no breathing problems.',
    yes: ['calf|leg', 'swell|swollen', 'one (leg|side)', 'red|warm|hot', 'surgery|operation|immobil|bed|plaster', 'tender|pain'], no: ['breath|chest|cough|cold|pale|blue'],
    days: 2,
  },
  {
    id: 'copd', expect: 'emergent', band: 'older', source: 'in-house v1 case; NICE NG115 COPD (exacerbation, hospital criteria)', text: 'my COPD is worse, very short of breath', patient: { age_years: 68, sex: 'male' },
    story: 'COPD; for two days more breathless and now breathless even sitting, cannot finish sentences, thicker green phlegm, lips look bluish.',
    yes: ['copd|emphysema|lung (disease|condition)|chronic', BREATH, 'phlegm|sputum|green', 'rest|sitting|talk|sentence|words', 'blue|grey|lips', 'cough', 'worse'],
    days: 2,
  },
  {
    id: 'child_sepsis_rash', expect: 'emergent', band: 'toddler', source: 'in-house v1 case; NICE NG143 Fever in under 5s (red: non-blanching rash)', text: 'toddler has fever and spots', patient: { age_years: 2, sex: 'female' },
    story: 'Fever since last night, now drowsy and floppy, purple spots on her legs that do not fade when pressed with a glass.',
    yes: ['rash|spots', 'fade|glass|press', 'drows|floppy|hard to wake|sleepy|unresponsive|limp', 'purple|bruise', 'cold (hands|feet)|mottled|pale'],
    nums: { 'temperat|°': 39.6 }, days: 1,
  },
  {
    id: 'infant_fever', expect: 'emergent', band: 'infant', source: 'in-house v1 case; NICE NG143 Fever in under 5s (under 3 months, 38 °C or higher)', text: 'my baby has a fever', patient: { age_years: 0, age_months: 1, sex: 'male' },
    story: 'Six-week-old with a temperature of 38.3 taken under the arm, otherwise feeding.',
    yes: ['fever|temperature|hot'], nums: { 'temperat|°': 38.3 }, days: 0.3,
  },

  {
    id: 'torsion', expect: 'emergent', band: 'adult', source: 'in-house v1 case; NICE CKS Scrotal pain and swelling (torsion)', text: 'sudden pain in my testicle', patient: { age_years: 15, sex: 'male' },
    story: 'Woke two hours ago with sudden severe pain in the left testicle, now swollen, vomited once.',
    yes: ['sudden', 'severe', 'swell|swollen', 'vomit|throw|sick'], days: 0.1,
  },
  {
    id: 'hus_child', expect: 'emergent', band: 'toddler', source: 'in-house v1 case; NICE CKS Gastroenteritis (bloody diarrhoea in a child; HUS)', text: 'bloody diarrhoea and now very pale', patient: { age_years: 4, sex: 'female' },
    story: 'Five days of diarrhoea that turned bloody after a farm visit; now very pale, tired and has hardly peed since yesterday.',
    yes: ['blood', 'pale', 'tired|drows|sleepy|lethargic', 'not (passed|peed)|little (urine|pee)|hardly|dry nappies|fewer wet|urine'], days: 5,
  },
  {
    id: 'febrile_seizure', expect: 'emergent', band: 'toddler', source: 'in-house v1 case; NICE CKS Febrile seizure (first seizure)', text: 'my toddler had a fit with a fever', patient: { age_years: 1, age_months: 6, sex: 'male' },
    story: 'First ever fit: stiff and jerking for 2 minutes with a fever of 39.3; now sleepy but rousable.',
    yes: ['fit|seizure|convuls|jerk|shak', 'sleepy|drows|hard to wake', 'fever|temperature'], nums: { 'temperat|°': 39.3 }, days: 0.1,
  },
  {
    id: 'suicidal', expect: 'emergent', band: 'adult', source: 'in-house v1 case; NICE NG225 Self-harm', text: 'I feel hopeless and want to end my life', patient: { age_years: 25, sex: 'female' },
    story: 'Weeks of low mood; now thinking of suicide and has a plan.',
    yes: ['suicid|end (your|my) life|kill|plan', 'hopeless|low|depress'], no: ['already|overdose|poison'], days: 21,
  },
  {
    id: 'gi_bleed', expect: 'emergent', band: 'adult', source: 'in-house v1 case; NICE CG141 Acute upper GI bleeding', text: 'black tarry poo and dizzy', patient: { age_years: 62, sex: 'male' },
    story: 'Takes ibuprofen for arthritis; since yesterday black, sticky, tar-like stools; dizzy when standing, pale.',
    yes: ['black|tarry|tar', 'dizz|faint|light.?head', 'pale', 'ibuprofen|nsaid|anti.?inflammator|painkiller'], no: ['fainted|chest pain|racing'], days: 1,
  },
  {
    id: 'pneumothorax', expect: 'emergent', band: 'adult', source: 'in-house v1 case; BTS pleural disease guideline 2023 (spontaneous pneumothorax)', text: 'sudden sharp chest pain and short of breath', patient: { age_years: 22, sex: 'male' },
    story: 'Tall, thin smoker: sudden sharp pain on the right side of the chest at rest an hour ago, now short of breath.',
    yes: ['sudden', 'sharp', BREATH, 'smok', 'one side|right side'], no: ['food|sting|medicine|allerg|sentence|blue|grey|drows|confus|collaps'], days: 0.05,
  },
  {
    id: 'glaucoma', expect: 'emergent', band: 'adult', source: 'in-house v1 case; NICE CKS Glaucoma (acute angle closure)', text: 'severe eye pain and blurred vision', patient: { age_years: 64, sex: 'female' },
    story: 'Evening onset of severe pain in the right eye with headache, vomiting, blurred vision and halos around lights; eye red.',
    yes: ['severe', 'halo', 'vomit|nause', 'headache', 'blur|vision', 'red'], no: ['lost vision|curtain|floaters|double'], days: 0.1,
  },
  {
    id: 'cholecystitis', expect: 'emergent', band: 'adult', source: 'in-house v1 case; NICE CKS Gallstones (acute cholecystitis)', text: 'pain under my right ribs and fever', patient: { age_years: 48, sex: 'female' },
    story: 'Since last night constant pain under the right ribs after a fatty meal, spreading to the right shoulder blade, fever 38.6, vomiting.',
    yes: ['upper right|under the (right )?ribs|right.*rib', 'constant', 'vomit|nause', 'shoulder'], no: ['blood|coffee|black|yellow'], nums: { 'temperat|°': 38.6, 'pain|score': 7 }, days: 0.7,
  },
  {
    id: 'quinsy', expect: 'emergent', band: 'adult', source: 'in-house v1 case; NICE CKS Sore throat – acute (quinsy)', text: 'sore throat, one side, cannot open my mouth', patient: { age_years: 24, sex: 'male' },
    story: 'Four days of sore throat now much worse on the left, hard to open the mouth, muffled voice, drooling, fever 38.9.',
    yes: ['one side|left side', 'open (your|the|my) mouth', 'muffled|hot potato|voice', 'drool|saliva|swallow', 'severe'],
    nums: { 'temperat|°': 38.9 }, days: 4,
  },
  {
    id: 'cauda_equina', expect: 'emergent', band: 'adult', source: 'in-house v1 case; NICE CKS Sciatica (cauda equina red flags)', text: 'back pain and numb between my legs', patient: { age_years: 45, sex: 'male' },
    story: 'Back pain for a week; since today numbness around the bottom and genitals and he cannot pass urine.',
    yes: ['numb', 'bottom|genital|saddle|between (the|my) legs', 'urine|pee|bladder|pass'], days: 7,
  },
  {
    id: 'bronchiolitis_infant', expect: 'emergent', band: 'infant', source: 'in-house v1 case; NICE NG9 Bronchiolitis in children', text: 'my baby is breathing fast and not feeding', patient: { age_years: 0, age_months: 4, sex: 'female' },
    story: 'Four-month-old with a cold for 3 days, now breathing fast with the skin sucking in between the ribs, taking less than half her feeds.',
    yes: ['breath|fast', 'sucking in|ribs|grunting|working hard', 'feed|drink|bottle|breast', 'cough|cold'], no: ['chest pain|arm|jaw|blood|sentence|blue|grey|drows|confus|collaps'], nums: { 'temperat|°': 37.9, 'breath|rate': 65 }, days: 3,
  },
  {
    id: 'croup_stridor', expect: 'emergent', band: 'toddler', source: 'in-house v1 case; NICE CKS Croup (stridor at rest)', text: 'barking cough and noisy breathing', patient: { age_years: 2, sex: 'male' },
    story: 'Barking cough since the evening; now a harsh noise on breathing in even when calm, skin pulling in at the neck and ribs.',
    yes: ['bark', 'noisy|noise|stridor|harsh|whistl', 'rest|calm|quiet', 'sucking in|pulling in|ribs|working hard|struggl'], nums: { 'temperat|°': 38.1 }, days: 0.3,
  },
  {
    id: 'head_injury_loc', expect: 'emergent', band: 'adult', source: 'in-house v1 case; NICE NG232 Head injury', text: 'hit my head and was knocked out', patient: { age_years: 35, sex: 'male' },
    story: 'Fell off a ladder, hit his head, was knocked out for a minute; vomited twice since and has a bad headache.',
    yes: ['knock|unconscious|passed out', 'vomit', 'head', 'headache'], days: 0.05,
  },
  {
    id: 'hypoglycaemia', expect: 'emergent', band: 'older', source: 'in-house v1 case; NICE NG17 Type 1 diabetes in adults (hypoglycaemia)', text: 'my diabetic husband is confused and sweaty', patient: { age_years: 66, sex: 'male' },
    story: 'On insulin, skipped lunch, now confused, shaky and sweaty, slurring a little.',
    yes: ['diabet|insulin|sugar', 'confus|muddled|strange', 'sweat', 'shak|trembl', 'slur|speech', 'sudden'], days: 0.05,
  },
  {
    id: 'renal_colic_severe', expect: 'emergent', band: 'adult', source: 'in-house v1 case; NICE CKS Renal or ureteric colic – acute', text: 'severe pain in my side coming in waves', patient: { age_years: 38, sex: 'male' },
    story: 'Two hours of severe colicky pain in the right loin spreading to the groin, cannot keep still or get comfortable, vomiting, blood-tinged urine.',
    yes: ['severe', 'waves|comes and goes|colick', 'groin', 'comfortable|keep still|writh', 'vomit|throw', 'blood in (your|the) urine|urine', 'one side|right side|below the ribs'],
    no: ['fever|chill|black|coffee|yellow|testicle|sugar|thirst'], nums: { 'temperat|°': 37.1, 'pain|score': 9 }, days: 0.1,
  },
  {
    id: 'kawasaki', expect: 'emergent', band: 'toddler', source: 'in-house v1 case; NICE NG143 Fever in under 5s (fever 5 days or more; Kawasaki features)', text: 'my son has had a fever for 6 days', patient: { age_years: 3, sex: 'male' },
    story: 'Fever up to 39.5 for six days, very red eyes without discharge, red cracked lips, swollen red hands, a body rash; irritable.',
    yes: ['red eyes|eyes', 'lips|tongue', 'hands|feet', 'rash', 'irritab'], no: ['glass|stiff neck|tick|malaria|floppy|blue|fit'], nums: { 'temperat|°': 39.5 }, days: 6,
  },
  // ---------------------------------------------------------------- non-emergent, needs a doctor
  {
    id: 'uti', expect: 'nonemergent', band: 'adult', source: 'in-house v1 case; NICE NG109 Urinary tract infection (lower)', text: 'burning when I pee', patient: { age_years: 28, sex: 'female' },
    story: 'Two days of burning on passing urine and going very often; no fever, no back pain, not pregnant.',
    yes: ['burn|sting|pain.*(pee|urin|wee)', 'often|frequen|urgen'], nums: { 'temperat|°': 37 }, days: 2,
  },
  {
    id: 'otitis_media_child', expect: 'nonemergent', band: 'toddler', source: 'in-house v1 case; NICE NG91 Otitis media (acute)', text: 'my son has ear ache', patient: { age_years: 3, sex: 'male' },
    story: 'Two days of ear pain, pulling at the ear, fever 38.5; drinking fine, alert, no swelling behind the ear.',
    yes: ['pull|rub', 'fever|temperature'], no: ['swelling behind|pushed out|neck|drink|drows'], nums: { 'temperat|°': 38.5 }, days: 2,
  },
  {
    id: 'strep', expect: 'nonemergent', band: 'adult', source: 'in-house v1 case; NICE NG84 Sore throat (acute; FeverPAIN)', text: 'very sore throat', patient: { age_years: 16, sex: 'female' },
    story: 'Two days of a bad sore throat, fever 38.6, white spots on the tonsils, tender lumps in the neck, no cough; can swallow and breathe fine.',
    yes: ['fever|temperature', 'white|pus|spots|patches|exudate', 'gland|lump|lymph|swollen.*neck'], no: ['chemo|immune|breath|swallow|drool|one side|muffled|cough'],
    nums: { 'temperat|°': 38.6 }, days: 2,
  },
  {
    id: 'shingles', expect: 'nonemergent', band: 'older', source: 'in-house v1 case; NICE CKS Shingles', text: 'painful blistering rash on one side of my chest', patient: { age_years: 66, sex: 'male' },
    story: 'Burning pain for two days then a band of blisters on the right side of the chest; not near the eye; otherwise well.',
    yes: ['blister', 'one side|band|strip|stripe', 'burn|tingl'], no: ['smoke|fire|chemical|electric|hot water|scald|eye|fever|purple|glass|all over'], days: 2,
  },
  {
    id: 'mono', expect: 'nonemergent', band: 'adult', source: 'in-house v1 case; NICE CKS Glandular fever', text: 'sore throat and exhausted for a week', patient: { age_years: 18, sex: 'female' },
    story: 'Sore throat, fever 38.2, very tired, swollen glands in the neck for 8 days; drinking fine, breathing fine.',
    yes: ['fever|temperature', 'tired|exhaust|fatigue', 'gland|lump|lymph|swollen.*neck'], no: ['breath|swallow|drool|drink'], nums: { 'temperat|°': 38.2 }, days: 8,
  },
  {
    id: 'cellulitis', expect: 'nonemergent', band: 'adult', source: 'in-house v1 case; NICE NG141 Cellulitis and erysipelas', text: 'red hot swollen patch on my leg', patient: { age_years: 50, sex: 'male' },
    story: 'Two days of a red, warm, swollen, tender area on the shin after a scratch, getting bigger; feels fine otherwise, 37.6 °C.',
    yes: ['red|warm|hot', 'spread|bigger|growing', 'scratch|cut|wound'], no: ['cold|pale|blue|numb|fever|chill|purple|glass'],
    nums: { 'temperat|°': 37.6 }, days: 2,
  },
  {
    id: 'gout', expect: 'nonemergent', band: 'adult', source: 'in-house v1 case; NICE NG219 Gout', text: 'big toe suddenly very painful and swollen', patient: { age_years: 55, sex: 'male' },
    story: 'Woke with an exquisitely painful, red, swollen, hot big toe joint; no injury; no fever; can walk with a limp.',
    yes: ['sudden|overnight|woke', 'big toe', 'red|hot|warm', 'swell|swollen'], no: ['tick|bite|fever|chill|not move|injur|fall'],
    nums: { 'temperat|°': 37, 'pain|score': 8 }, days: 1,
  },
  {
    id: 'bppv', expect: 'nonemergent', band: 'adult', source: 'in-house v1 case; NICE CKS Benign paroxysmal positional vertigo', text: 'dizzy when I turn my head', patient: { age_years: 60, sex: 'female' },
    story: 'For a week, the room spins for under a minute when she rolls over in bed or looks up; fine in between; no weakness, speech or hearing problems.',
    yes: ['spin|vertigo|room', 'turn|roll|move (your|my) head|head movement|position|look up|lying down', 'seconds|brief|short|less than a minute',
      'comes and goes|episodes|attacks|bouts'], no: ['constant|more than a day'],
    days: 7,
  },
  {
    id: 'sciatica', expect: 'nonemergent', band: 'adult', source: 'in-house v1 case; NICE NG59 Low back pain and sciatica', text: 'back pain going down my leg', patient: { age_years: 40, sex: 'male' },
    story: 'Two weeks of low back pain shooting down the left leg to below the knee; bladder and bowel normal; no numbness between the legs; no fever.',
    yes: ['below the knee|down (the|one|your) leg|buttock|shoot|sciatica', 'one leg|one side'], no: ['bladder|bowel|urine|stool|genital|bottom|saddle|both legs|fever|cancer|weight'], nums: { 'pain|score': 6 }, days: 14,
  },
  {
    id: 'sinusitis', expect: 'nonemergent', band: 'adult', source: 'in-house v1 case; NICE NG79 Sinusitis (acute)', text: 'blocked nose and face pain for two weeks', patient: { age_years: 35, sex: 'female' },
    story: '12 days of blocked nose, thick green discharge and pain over the cheeks; got better then worse again; 37.8 °C; eyes and vision normal.',
    yes: ['block|congest|stuff', 'green|yellow|thick|discharge|mucus', 'face|cheek|forehead|sinus', 'worse again|better then worse|got better'], no: ['one side|eye|vision|stiff neck|swelling'],
    nums: { 'temperat|°': 37.8 }, days: 12,
  },
  {
    id: 'ulcer', expect: 'nonemergent', band: 'adult', source: 'in-house v1 case; NICE CG184 Dyspepsia and GORD', text: 'burning pain in the upper stomach for weeks', patient: { age_years: 50, sex: 'male' },
    story: 'Three weeks of gnawing burning pain in the upper middle belly, better after eating, takes ibuprofen often; no black stools, no vomiting blood, no weight loss.',
    yes: ['upper middle|centre|below the breastbone', 'burn|gnaw', 'ibuprofen|nsaid|anti.?inflammator|aspirin|painkiller', 'weeks|long|recurr|keeps coming'],
    nums: { 'pain|score': 5, 'temperat|°': 37 }, days: 21,
  },
  {
    id: 'contact_lens_eye', expect: 'nonemergent', band: 'adult', source: 'in-house v1 case; NICE CKS Red eye (contact lens wearer)', text: 'red sore eye, I wear contact lenses', patient: { age_years: 25, sex: 'female' },
    story: 'Contact lens wearer, one day of a red, sore, gritty eye with some discharge; vision is normal; no injury or chemical.',
    yes: ['contact lens|lenses', 'red', 'gritty|sore', 'discharge|sticky|watery|pus', 'one eye'], no: ['eyelid|skin around|vision|injur|chemical|severe|halo|light'],
    days: 1,
  },
  {
    id: 'lyme', expect: 'nonemergent', band: 'adult', source: 'in-house v1 case; NICE NG95 Lyme disease', text: "rash like a bull's eye after a tick bite", patient: { age_years: 40, sex: 'male' },
    story: 'Tick bite on a hike 8 days ago; now an expanding red ring rash on the thigh, slightly tired; no fever, no headache.',
    yes: ['tick', 'ring|target|bull', 'expanding|bigger|growing', 'tired'], no: ['fever|headache|snake|scorpion|jellyfish|face|breath'], nums: { 'temperat|°': 37.2 }, days: 3,
  },
  {
    id: 'salmonella', expect: 'nonemergent', band: 'adult', source: 'in-house v1 case; NICE CKS Gastroenteritis (adult)', text: 'diarrhoea with fever for 4 days', patient: { age_years: 30, sex: 'female' },
    story: 'Four days of watery diarrhoea, cramps and fever 38.4 after a barbecue; drinking and peeing normally; no blood.',
    yes: ['diarrh|loose|runny', 'cramp|stomach|belly|abdom', 'fever|temperature'], nums: { 'temperat|°': 38.4 }, days: 4,
  },
  {
    id: 'child_fever_4d', expect: 'nonemergent', band: 'toddler', source: 'in-house v1 case; NICE NG143 Fever in under 5s (amber/green features)', text: 'child fever for 4 days', patient: { age_years: 2, sex: 'male' },
    story: 'Fever up to 39.0 for 4 days with a cough and runny nose; drinking, wet nappies, alert and playful when the fever is down.',
    yes: ['fever|temperature', 'cough', 'runny|nose'], no: ['blood|breath|drink|drows|rash|fit|floppy|wee|nappies|bark'], nums: { 'temperat|°': 39 }, days: 4,
  },
  {
    id: 'ankle', expect: 'nonemergent', band: 'adult', source: 'in-house v1 case; NICE CKS Sprains and strains (Ottawa ankle rules)', text: 'twisted my ankle', patient: { age_years: 30, sex: 'male' },
    story: 'Went over on the ankle playing football this morning; swollen and bruised, very tender over the bone on the outside; can hardly put weight on it; foot normal colour and feeling.',
    yes: ['swell|swollen|bruis', 'tender.*bone|bone.*tender', 'twist|sprain|went over|rolled', 'few steps|limp|hard to walk|difficult'], no: ['wound|days after|both|calf|out of shape|deform|bone showing|numb|colou?r|cold|pale|head'], nums: { 'pain|score': 6 }, days: 0.3,
  },

  {
    id: 'pneumonia_young', expect: 'nonemergent', band: 'adult', source: 'in-house v1 case; NICE NG138 Pneumonia in adults (community)', text: 'cough and fever for 4 days', patient: { age_years: 35, sex: 'male' },
    story: 'Four days of cough with rusty phlegm, fever 38.9, sharp pain on the right when breathing deeply, a bit breathless on stairs; talking normally, not confused.',
    yes: ['phlegm|sputum|mucus', 'sharp|deep breath|breathing in|pleur', 'stairs|exertion|walking|activity'], no: ['rest|sitting|talk|sentence|confus|blood|blue'],
    nums: { 'temperat|°': 38.9 }, days: 4,
  },
  {
    id: 'otitis_externa', expect: 'nonemergent', band: 'adult', source: 'in-house v1 case; NICE CKS Otitis externa', text: 'my ear hurts after swimming', patient: { age_years: 25, sex: 'female' },
    story: 'Three days of a painful itchy ear canal after a swimming holiday, worse when pulling the ear or chewing, a little discharge; no fever, hearing slightly muffled.',
    yes: ['swim|water', 'itch', 'pull|tug|touch|press|chew', 'discharge|fluid|pus|ooz', 'hearing'], no: ['fever|behind the ear|sudden|dizz|face|severe|both'],
    nums: { 'temperat|°': 36.9 }, days: 3,
  },
  {
    id: 'kidney_stone_mild', expect: 'nonemergent', band: 'adult', source: 'in-house v1 case; NICE CKS Renal or ureteric colic – acute', text: 'pain in my side that comes in waves', patient: { age_years: 40, sex: 'male' },
    story: 'Since this morning colicky pain in the left side below the ribs spreading to the groin, comes in waves, pink urine; no fever; pain settling with ibuprofen.',
    yes: ['waves|comes and goes|colick', 'groin', 'blood in (your|the) urine|pink|urine', 'one side|left side|below the ribs'], no: ['fever|chill|vomit|severe|constant'],
    nums: { 'temperat|°': 37, 'pain|score': 5 }, days: 0.3,
  },
  {
    id: 'scabies', expect: 'nonemergent', band: 'adult', source: 'in-house v1 case; NICE CKS Scabies', text: 'itchy rash between my fingers, worse at night', patient: { age_years: 27, sex: 'female' },
    story: 'Two weeks of intense itching worse at night with small bumps between the fingers and on the wrists; partner itchy too.',
    yes: ['night', 'finger|wrist', 'partner|family|others|household|close contact', 'itch'], no: ['without a rash|lice|scalp|yellow|breath|lips|fever|welts'], days: 14,
  },
  {
    id: 'bv', expect: 'nonemergent', band: 'adult', source: 'in-house v1 case; NICE CKS Bacterial vaginosis', text: 'smelly vaginal discharge', patient: { age_years: 29, sex: 'female' },
    story: 'A week of thin grey discharge with a fishy smell, no itching, no pain, no fever; not pregnant.',
    yes: ['fishy|grey|smell|thin'], no: ['pain|fever|bleed|pregnan|itch|partner|sore|blister'], days: 7,
  },
  {
    id: 'urethritis', expect: 'nonemergent', band: 'adult', source: 'in-house v1 case; BASHH urethritis guideline', text: 'discharge from my penis and it burns to pee', patient: { age_years: 24, sex: 'male' },
    story: 'New partner 2 weeks ago; 3 days of burning on peeing and a cloudy discharge from the penis; no fever, no testicle pain.',
    yes: ['burn|sting|pain.*(pee|urin|wee)', 'discharge', 'partner|sex'], no: ['fever|testicle|scrotum|back|blood|vomit|retention|unable'], nums: { 'temperat|°': 36.9 }, days: 3,
  },
  // ---------------------------------------------------------------- self-care
  {
    id: 'cold', expect: 'selfcare', band: 'adult', source: 'in-house v1 case; NICE CKS Common cold', text: 'runny nose and sneezing', patient: { age_years: 30, sex: 'female' },
    story: 'Three days of runny nose, sneezing and a scratchy throat; no fever; eating and drinking normally.',
    yes: ['runny|sneez|block|congest|nose', 'scratch|sore throat'], nums: { 'temperat|°': 36.9 }, days: 3,
  },
  {
    id: 'uri_child', expect: 'selfcare', band: 'toddler', source: 'in-house v1 case; NICE NG120 Cough (acute) – children', text: 'my daughter has a cold and cough', patient: { age_years: 4, sex: 'female' },
    story: 'Two days of runny nose and a mild cough, 37.8 °C, eating and drinking, playing normally, breathing easily.',
    yes: ['runny|sneez|blocked nose'], no: ['breath|drink|eat|feed|play|blood|rash|drows'], nums: { 'temperat|°': 37.8 }, days: 2,
  },
  {
    id: 'bronchitis', expect: 'selfcare', band: 'adult', source: 'in-house v1 case; NICE NG120 Cough (acute)', text: 'cough that will not go away after a cold', patient: { age_years: 40, sex: 'male' },
    story: 'Ten days of cough with some clear-to-yellow phlegm after a cold; no fever; no breathlessness; non-smoker; otherwise healthy.',
    yes: ['phlegm|mucus|sputum', 'after a cold'], no: ['blood|breath|fever|smok|weight|night sweat'], nums: { 'temperat|°': 36.9 }, days: 10,
  },
  {
    id: 'hay_fever', expect: 'selfcare', band: 'adult', source: 'in-house v1 case; NICE CKS Allergic rhinitis', text: 'sneezing and itchy eyes every spring', patient: { age_years: 25, sex: 'female' },
    story: 'Every spring: sneezing, runny nose, itchy watery eyes; no fever; no breathing problems.',
    yes: ['sneez|runny', 'season|spring|pollen|allerg|every year|hay', 'itchy|watery'], no: ['painful|pain|fever|breath|vision|wheez'], nums: { 'temperat|°': 36.8 }, days: 14,
  },
  {
    id: 'tension_headache', expect: 'selfcare', band: 'adult', source: 'in-house v1 case; NICE CG150 Headaches in over 12s', text: 'headache after a stressful day', patient: { age_years: 35, sex: 'female' },
    story: 'Tight band-like headache on both sides by the evening of a stressful workday; has had similar before; no fever, no vomiting, no neurological symptoms.',
    yes: ['band|tight|pressure|both sides', 'stress|tension|before|similar|usual'], nums: { 'pain|score': 4, 'temperat|°': 36.8 }, days: 0.3,
  },
  {
    id: 'back_strain', expect: 'selfcare', band: 'adult', source: 'in-house v1 case; NICE NG59 Low back pain', text: 'hurt my lower back lifting a sofa', patient: { age_years: 30, sex: 'male' },
    story: 'Low back ache since lifting a sofa yesterday, worse bending; no leg pain or numbness; bladder/bowel normal; no fever.',
    yes: ['lift|strain|bend|twist|movement|move'], nums: { 'pain|score': 5, 'temperat|°': 36.8 }, days: 1,
  },
  {
    id: 'bee_sting', expect: 'selfcare', band: 'school', source: 'in-house v1 case; NICE CKS Insect bites and stings', text: 'stung by a bee', patient: { age_years: 12, sex: 'male' },
    story: 'Stung on the forearm 20 minutes ago: a red swollen itchy area about 3 cm; breathing fine, no swelling of lips or face, no rash elsewhere.',
    yes: ['sting|stung|bee|wasp'], no: ['snake|scorpion|jellyfish|breath|wheez|face|lips|tongue|throat|hives|all over|faint|mouth'], days: 0.01,
  },
  {
    id: 'gastroenteritis', expect: 'selfcare', band: 'adult', source: 'in-house v1 case; NICE CKS Gastroenteritis (adult)', text: 'throwing up and diarrhoea since yesterday', patient: { age_years: 25, sex: 'male' },
    story: 'One day of vomiting a few times and watery diarrhoea after a colleague had the same; keeping sips down, peeing normally, no blood, no fever, mild cramps.',
    yes: ['diarrh|loose|runny', 'cramp', 'vomit|throw|being sick'], no: ['blood|bile|green|coffee|dehydrat|urine|pee|fever|severe|drink|keep|constant'], nums: { 'temperat|°': 37.2, 'pain|score': 3 }, days: 1,
  },
  {
    id: 'minor_burn', expect: 'selfcare', band: 'adult', source: 'in-house v1 case; NICE CKS Burns and scalds', text: 'burned my hand on the kettle', patient: { age_years: 40, sex: 'female' },
    story: 'Splash of boiling water on the back of the hand, a red painful area smaller than a coin with one small blister; cooled under water.',
    yes: ['scald|kettle|boiling|hot water|hot liquid', 'blister', 'hand'], no: ['white|leathery|painless|chemical|electric|bigger than|larger than|face|breath'], nums: { 'size|cm|area|palm': 1 }, days: 0.05,
  },
  {
    id: 'sunburn', expect: 'selfcare', band: 'adult', source: 'in-house v1 case; NHS sunburn self-care', text: 'sunburn on my shoulders', patient: { age_years: 20, sex: 'male' },
    story: 'Red, sore shoulders and back after a day at the beach; no blisters, no fever, drinking fine.',
    yes: ['sun'], no: ['blister|fever|white|painless|chill|drink|vomit|face|breath'], nums: { 'temperat|°': 37 }, days: 0.5,
  },
  {
    id: 'mosquito_bites', expect: 'selfcare', band: 'school', source: 'in-house v1 case; NICE CKS Insect bites and stings', text: 'itchy insect bites on legs', patient: { age_years: 8, sex: 'female' },
    story: 'Several itchy red bumps on the legs after playing outside in the evening; otherwise well.',
    yes: ['itch', 'mosquito|insect'], no: ['snake|scorpion|jellyfish|tick|animal|dog|cat|breath|face|spread|fever|throat'], days: 1,
  },
  {
    id: 'cold_sore', expect: 'selfcare', band: 'adult', source: 'in-house v1 case; NICE CKS Herpes simplex – oral', text: 'cold sore on my lip', patient: { age_years: 28, sex: 'female' },
    story: 'Tingling then a small cluster of blisters on the lip, as she gets every year or two; otherwise well.',
    yes: ['blister', 'tingl', 'before|again|recurr|usual'], no: ['swallow|breath|fever|eye|drink'], days: 1,
  },
  {
    id: 'viral_conjunctivitis', expect: 'selfcare', band: 'adult', source: 'in-house v1 case; NICE CKS Conjunctivitis – infective', text: 'pink eye', patient: { age_years: 30, sex: 'male' },
    story: 'One day of a pink, watery, gritty eye after a cold; vision normal; no pain, no light sensitivity; no contact lenses.',
    yes: ['pink', 'red eye|eye (is )?red', 'water|tears', 'gritty|itch'], no: ['pain|light|vision|contact|injur|chemical|fever'], days: 1,
  },
  {
    id: 'heartburn', expect: 'selfcare', band: 'adult', source: 'in-house v1 case; NICE CG184 Dyspepsia and GORD', text: 'heartburn after big meals', patient: { age_years: 35, sex: 'male' },
    story: 'Two evenings of burning behind the breastbone rising to the throat after large spicy holiday meals and lying down, eased by an antacid; no exertional pain, no breathlessness, swallowing fine, no weight loss.',
    yes: ['burn', 'meal|eat|food|lying|bend', 'antacid|relieved|goes away|settles', 'acid|sour', 'breastbone|upper middle'], no: ['exert|breathless|swallow|weight|sweat|vomit|black|blood'], nums: { 'pain|score': 3 }, days: 2,
  },
  {
    id: 'flu', expect: 'selfcare', band: 'adult', source: 'in-house v1 case; NICE CKS Influenza – seasonal', text: 'flu symptoms, fever and aching all over', patient: { age_years: 30, sex: 'female' },
    story: 'Two days of fever 38.8, aching muscles, dry cough and tiredness; healthy, not pregnant, drinking fine, breathing fine.',
    yes: ['fever|temperature', 'ache|aching|muscle', 'dry cough', 'tired'], no: ['blood|breath|drink|pregnan|confus|drows|stiff|rash'], nums: { 'temperat|°': 38.8 }, days: 2,
  },
  {
    id: 'nosebleed', expect: 'selfcare', band: 'school', source: 'in-house v1 case; NICE CKS Epistaxis', text: 'my son has a nosebleed', patient: { age_years: 10, sex: 'male' },
    story: 'Nosebleed after picking his nose, stopped after 10 minutes of pinching; no injury; no other bleeding.',
    yes: ['nose.?bleed|picking|picked'], no: ['not stopped|heavy|injur|blow|other bleeding|bruis|blood thinner'], days: 0.02,
  },
  {
    id: 'stye', expect: 'selfcare', band: 'adult', source: 'in-house v1 case; NICE CKS Styes', text: 'small painful lump on my eyelid', patient: { age_years: 25, sex: 'female' },
    story: 'A small tender red bump on the edge of the upper eyelid for 2 days; vision normal; eye itself not red; no swelling around the eye.',
    yes: ['stye|lump on the (edge|eyelid)|pimple|tender lump'], no: ['fever|vision|swollen|hot|pain in the eye'], days: 2,
  },
  {
    id: 'constipation', expect: 'selfcare', band: 'adult', source: 'in-house v1 case; NICE CKS Constipation', text: "haven't pooped for 4 days", patient: { age_years: 35, sex: 'female' },
    story: 'Four days without a bowel movement after a change of diet on holiday, a little bloated; passing wind; no vomiting, no blood, no weight loss.',
    yes: ['constipat|bowel|poo|stool', 'bloat'], no: ['wind|vomit|blood|weight|fever'], nums: { 'pain|score': 2 }, days: 4,
  },
  {
    id: 'sprain_wrist_mild', expect: 'selfcare', band: 'adult', source: 'in-house v1 case; NICE CKS Sprains and strains', text: 'sore wrist after a fall', patient: { age_years: 26, sex: 'female' },
    story: 'Fell on the outstretched hand yesterday, wrist a little sore with mild swelling, full movement, can grip and lift, no deformity, no numbness.',
    yes: ['fell|fall|outstretched', 'mild swelling'], no: ['head|deform|out of shape|numb|bone|few steps|not move|weight|colou?r'], nums: { 'pain|score': 3 }, days: 1,
  },
  {
    id: 'thrush', expect: 'selfcare', band: 'adult', source: 'in-house v1 case; NICE CKS Candida – female genital', text: 'itchy down there with white discharge', patient: { age_years: 30, sex: 'female' },
    story: 'Vulval itching and thick white cottage-cheese discharge for 3 days, same as thrush she had last year; not pregnant; no smell, no pelvic pain, no fever.',
    yes: ['itch', 'white|thick|cottage', 'before|again|had this|recurr|last'], no: ['fishy|grey|green|pain|fever|bleed|pregnan|sore|ulcer|blister'], days: 3,
  },
  {
    id: 'sinusitis_early', expect: 'selfcare', band: 'adult', source: 'in-house v1 case; NICE NG79 Sinusitis (acute)', text: 'blocked nose and sinus pressure', patient: { age_years: 32, sex: 'male' },
    story: 'Five days of blocked nose after a cold with pressure over the cheeks; 37.4; no eye swelling, no severe headache; improving slightly.',
    yes: ['block|congest|stuff', 'cheek|face|pressure|sinus'], no: ['one side|blood|eye|vision|stiff|severe|swelling'], nums: { 'temperat|°': 37.4 }, days: 5,
  },
  {
    id: 'chickenpox', expect: 'selfcare', band: 'school', source: 'in-house v1 case; NICE CKS Chickenpox', text: 'itchy spots and blisters all over my son', patient: { age_years: 5, sex: 'male' },
    story: 'Two days of itchy spots turning into blisters, started on the chest, classmates have chickenpox; 38.0; eating, drinking and playing.',
    yes: ['itch', 'blister|spots', 'chickenpox|chicken pox|contact|classmate'], no: ['one side|band|purple|glass|fade|drows|breath|not drinking|eye|infect|red and hot|hot and'],
    nums: { 'temperat|°': 38 }, days: 2,
  },
  {
    id: 'minor_head_bump', expect: 'selfcare', band: 'school', source: 'in-house v1 case; NICE NG232 Head injury (children, no risk factors)', text: 'my daughter bumped her head', patient: { age_years: 7, sex: 'female' },
    story: 'Hit her forehead on the table an hour ago, cried at once, small bump, no cut; not knocked out, no vomiting, behaving normally.',
    yes: ['bump|lump|hit (her|his|their|your) head|head injury|hit their head'], no: ['knock|confus|vomit|fit|drows|neck|blood thinner|bleed|cut|wound|under 1|over 65|out of shape'], days: 0.05,
  },
  {
    id: 'migraine_known', expect: 'selfcare', band: 'adult', source: 'in-house v1 case; NICE CG150 Headaches in over 12s (migraine)', text: 'migraine again', patient: { age_years: 30, sex: 'female' },
    story: 'Usual migraine: one-sided throbbing headache with nausea, same as her attacks for years; usual zigzag lights before it faded in 20 minutes; no weakness, no fever.',
    yes: ['usual|before|similar|same|migraine|history', 'one.?side|throb', 'nause'], no: ['sudden|worst|first|weak|numb|fever|stiff|confus|speech|vision (loss|lost)|new|different|vomit'],
    nums: { 'temperat|°': 36.8, 'pain|score': 6 }, days: 0.2,
  },
  {
    id: 'mouth_ulcer', expect: 'selfcare', band: 'adult', source: 'in-house v1 case; NICE CKS Aphthous ulcer', text: 'painful mouth ulcer', patient: { age_years: 28, sex: 'male' },
    story: 'A small painful ulcer inside the cheek for 4 days after biting it; eating fine; otherwise well.',
    yes: ['ulcer|sore'], no: ['3 weeks|three weeks|swallow|breath|fever|swelling|face|lump|white patch'], days: 4,
  },
  {
    id: 'ankle_mild', expect: 'selfcare', band: 'adult', source: 'in-house v1 case; NICE CKS Sprains and strains', text: 'rolled my ankle', patient: { age_years: 24, sex: 'female' },
    story: 'Rolled the ankle stepping off a kerb an hour ago, mild swelling on the outside, can walk on it with a little pain, no bone tenderness.',
    yes: ['twist|rolled|sprain|went over', 'mild swelling'], no: ['bone|weight|walk|out of shape|numb|colou?r|cold|pale|head|severe'], nums: { 'pain|score': 3 }, days: 0.05,
  },
  {
    id: 'athletes_foot', expect: 'selfcare', band: 'adult', source: 'in-house v1 case; NICE CKS Fungal skin infection – foot', text: 'itchy peeling skin between my toes', patient: { age_years: 33, sex: 'male' },
    story: 'Itchy, white, peeling skin between the toes for 2 weeks; gym user; no diabetes; no spreading redness.',
    yes: ['itch', 'peel|crack|flak|scaly|between (the|your) toes'], no: ['diabet|spread|hot|fever|pus|swollen|lice|night|partner|welts|all over'], days: 14,
  },
  {
    id: 'earwax', expect: 'selfcare', band: 'adult', source: 'in-house v1 case; NICE NG98 Hearing loss (earwax)', text: 'my ear feels blocked', patient: { age_years: 50, sex: 'male' },
    story: 'A few days of a blocked, muffled feeling in one ear after showering; no pain, no discharge, no dizziness, no fever.',
    yes: ['block|muffled|full'], no: ['pain|discharge|dizz|fever|sudden|swell|ring|both|injur'], nums: { 'temperat|°': 36.8 }, days: 4,
  },
  {
    id: 'child_diarrhoea_mild', expect: 'selfcare', band: 'school', source: 'in-house v1 case; NICE CG84 Diarrhoea and vomiting in under 5s', text: 'my son has diarrhoea', patient: { age_years: 6, sex: 'male' },
    story: 'Two days of loose stools 3-4 times a day, no vomiting, drinking well, peeing normally, playing; no blood; 37.3.',
    yes: ['loose|diarrh|runny'], no: ['blood|pee|urine|drink|drows|vomit|travel|severe|thirst|tears'], nums: { 'temperat|°': 37.3 }, days: 2,
  },
  {
    id: 'teething', expect: 'selfcare', band: 'infant', source: 'in-house v1 case; NICE CKS Teething', text: 'baby teething and grumpy', patient: { age_years: 0, age_months: 8, sex: 'female' },
    story: 'Eight-month-old chewing on everything, red cheek, drooling, a bit grumpy; 37.4; feeding and wet nappies normal.',
    yes: ['teeth|teething|drool|chew'], no: ['fever|breath|feed|nappies|floppy|rash|drows|fit|swelling'], nums: { 'temperat|°': 37.4 }, days: 2,
  },
  // ------------------------------------------------------------------ bank v2 (2026-12): written for issue 14 from
  // public guideline examples and teaching cases (the `source` of each); 40+ typed in Chinese as a parent or patient
  // types on a phone. None is taken from a published symptom-checker evaluation set.

  // ---- infants (< 1 year)
  {
    id: 'v2_inf_fever_2m_zh', expect: 'emergent', band: 'infant', source: 'NICE NG143 Fever in under 5s, traffic-light table (red: age under 3 months with temperature 38 °C or higher)',
    text: '宝宝两个月，发烧38度2', patient: { age_years: 0, age_months: 2, sex: 'female' },
    story: 'Nine-week-old, temperature 38.2 °C with the thermometer this evening, feeding a little less, otherwise alert.',
    yes: ['fever|temperature|hot'], no: ['breath|blue|floppy|fit|rash|vomit|green'], nums: { 'temperat|°': 38.2 }, days: 0.3,
  },
  {
    id: 'v2_inf_fever_5m_amber', expect: 'nonemergent', band: 'infant', source: 'NICE NG143 traffic-light table (amber: age 3-6 months with temperature 39 °C or higher)',
    text: 'my 5 month old has a temperature of 39.2', patient: { age_years: 0, age_months: 5, sex: 'male' },
    story: 'Five-month-old, 39.2 °C since this morning, a runny nose, feeding normally, wet nappies, smiling when played with.',
    yes: ['fever|temperature|hot', 'runny|cold|snuffl'], no: ['breath|blue|floppy|fit|rash|vomit|drink|feed|wee|nappies|pale|cold,|blotch|sleepy|wake|travel|tick'],
    nums: { 'temperat|°': 39.2 }, days: 0.5,
  },
  {
    id: 'v2_inf_bronchiolitis_mild_zh', expect: 'selfcare', band: 'infant', source: 'NICE NG9 Bronchiolitis in children (mild: manage at home with safety-netting)',
    text: '宝宝7个月，流鼻涕咳嗽两天了', patient: { age_years: 0, age_months: 7, sex: 'female' },
    story: 'Seven-month-old with a runny nose and cough for two days, 37.8 °C, feeding over half the usual, breathing comfortably, wet nappies.',
    yes: ['cough|cold|runny'], no: ['breath|blue|drows|blood|rib|feed|fever|wheez|bark|risk|lung|sentence'], nums: { 'temperat|°': 37.8 }, days: 2,
  },
  {
    id: 'v2_inf_choking_zh', expect: 'emergent', band: 'infant', source: 'Resuscitation Council UK paediatric choking algorithm (ineffective cough)',
    text: '宝宝吃东西卡住了，哭不出声', patient: { age_years: 0, age_months: 9, sex: 'male' },
    story: 'Nine-month-old choking on a piece of apple, cannot cry or make a sound when coughing, face going red then dusky.',
    yes: ['cry|cough with any sound|make a sound|breathe|speak', 'blue|purple|dusky'], days: 0.01,
  },
  {
    id: 'v2_inf_battery_zh', expect: 'emergent', band: 'infant', source: 'National Capital Poison Center button battery triage guideline; NASPGHAN foreign body ingestion 2015',
    text: '孩子可能吞了纽扣电池', patient: { age_years: 0, age_months: 11, sex: 'female' },
    story: 'Eleven-month-old found with an open remote control; one button battery is missing; she seems fine.',
    yes: ['battery|batteries'], unsure: ['swallowed'], no: ['breath|cry|blue|floppy|cough|magnet|sharp|drool'], days: 0.05,
  },
  {
    id: 'v2_inf_gastro_shock_zh', expect: 'emergent', band: 'infant', source: 'NICE CG84 Diarrhoea and vomiting in under 5s (clinical shock); WHO IMCI severe dehydration',
    text: '宝宝上吐下泻，尿布一天都是干的', patient: { age_years: 0, age_months: 8, sex: 'male' },
    story: 'Eight-month-old with vomiting and watery diarrhoea for two days, dry nappy since this morning, very sleepy and floppy, cold hands and feet.',
    yes: ['vomit|sick', 'diarr|loose|watery', 'dry nappy|no urine|no wee|dry nappies|wet nappies|fewer wet', 'drows|sleepy|floppy|hard to wake|less alert', 'cold|blotch|mottled'],
    no: ['blood|green|bile|head|yellow'], days: 2,
  },
  {
    id: 'v2_inf_vomits_everything', expect: 'emergent', band: 'infant', source: 'WHO IMCI general danger signs (vomits everything; not able to drink or breastfeed)',
    text: 'my baby is vomiting everything and will not breastfeed', patient: { age_years: 0, age_months: 10, sex: 'female' },
    story: 'Ten-month-old vomiting every feed since last night, refuses the breast, few wet nappies, unusually sleepy.',
    yes: ['vomit|sick|keep.*down|sips', 'feed|breast|drink', 'sleepy|drows|less alert', 'wet nappies|dry nappy|urine|wee'], no: ['blood|green|head|yellow|diabet'], days: 1,
  },
  {
    id: 'v2_inf_nonblanching_zh', expect: 'emergent', band: 'infant', source: 'NICE NG143 (red: non-blanching rash); NICE NG240 meningococcal disease',
    text: '宝宝发烧，身上有紫红色的点点，按了不褪色', patient: { age_years: 0, age_months: 9, sex: 'male' },
    story: 'Nine-month-old with fever 39 °C since the afternoon and small purple spots on the legs that stay when pressed with a glass.',
    yes: ['rash|spots', 'glass|fade|purple|dark red'], nums: { 'temperat|°': 39 }, days: 0.3,
  },
  {
    id: 'v2_inf_floppy_fever', expect: 'emergent', band: 'infant', source: 'NICE NG143 (red: no response to social cues, does not wake); NICE NG51 Sepsis',
    text: 'my baby is floppy and very hot', patient: { age_years: 0, age_months: 4, sex: 'female' },
    story: 'Four-month-old, 39.5 °C, floppy, hard to wake, mottled skin, weak cry.',
    yes: ['floppy|hard to wake|impossible to wake|not responding', 'mottled|blotch|pale', 'weak|high-pitched', 'fever|temperature|hot'], nums: { 'temperat|°': 39.5 }, days: 0.5,
  },
  {
    id: 'v2_inf_nappy_rash_zh', expect: 'selfcare', band: 'infant', source: 'NICE CKS Nappy rash',
    text: '宝宝红屁股了', patient: { age_years: 0, age_months: 6, sex: 'male' },
    story: 'Six-month-old with red, sore-looking skin in the nappy area for three days; no fever, no blisters, feeding and playing normally.',
    yes: ['rash|red skin|red'], no: ['glass|purple|swell|lips|breath|faint|blister|peel|fever|pox|tick|band|spreading|hot|ring|medicine|2 weeks|back'], days: 3,
  },
  {
    id: 'v2_inf_constipation_zh', expect: 'selfcare', band: 'infant', source: 'NICE CG99 Constipation in children and young people (infant starting solids, no red flags)',
    text: '宝宝大便干，三天没拉了', patient: { age_years: 0, age_months: 9, sex: 'female' },
    story: 'Nine-month-old, hard pellet stools since starting solids two weeks ago, last stool three days ago, feeding, no vomiting, belly soft.',
    yes: ['hard|constip|not (passed|had)'], no: ['vomit|swollen|blood|black|pain|weight|medicine|wind'], days: 3,
  },
  {
    id: 'v2_inf_cold_zh', expect: 'selfcare', band: 'infant', source: 'NICE CKS Common cold (child); NICE NG143 green features',
    text: '宝宝10个月，感冒流鼻涕', patient: { age_years: 0, age_months: 10, sex: 'male' },
    story: 'Ten-month-old, blocked runny nose and a mild cough for 3 days, 37.6 °C, feeding and wet nappies normal, alert and playful.',
    yes: ['cough|cold|runny|nose'], no: ['breath|blue|drows|blood|rib|feed|fever|wheez|bark|risk|lung|sentence|ear'], nums: { 'temperat|°': 37.6 }, days: 3,
  },
  {
    id: 'v2_inf_fever_unsure_zh', expect: 'emergent', band: 'infant', source: 'NICE NG143 (under 3 months: assess any fever; parental perception of fever counts)',
    text: '宝宝一个多月，摸着很烫，家里没有体温计', patient: { age_years: 0, age_months: 1, sex: 'male' },
    story: 'Six-week-old who feels very hot to touch; no thermometer at home; feeding a bit less than usual.',
    yes: ['hot'], unsure: ['temperature'], no: ['breath|blue|floppy|fit|rash|vomit'], days: 0.3,
  },
  {
    id: 'v2_inf_first_fit', expect: 'emergent', band: 'infant', source: 'NICE CKS Febrile seizure (first seizure: assess urgently; under 6 months is atypical)',
    text: 'my baby had a fit', patient: { age_years: 0, age_months: 10, sex: 'female' },
    story: 'Ten-month-old with a fever; a first ever fit with stiffening and jerking for about a minute; now sleepy but waking.',
    yes: ['fit|seizure|convuls|first'], no: ['still|5 minutes|another fit|blue|purple|10 minutes|head|weak'], nums: { 'temperat|°': 38.9 }, days: 0.01,
  },

  // ---- toddlers (1-4 years)
  {
    id: 'v2_tod_first_febrile_fit_zh', expect: 'emergent', band: 'toddler', source: 'NICE CKS Febrile seizure (first febrile seizure: urgent assessment)',
    text: '孩子发烧抽搐了', patient: { age_years: 1, age_months: 6, sex: 'male' },
    story: 'Eighteen-month-old with 39.4 °C; eyes rolled up and arms and legs jerked for 2 minutes, the first time ever; now sleepy but rousable.',
    yes: ['fit|seizure|convuls|jerk|first', 'fever|temperature'], no: ['still|5 minutes|another fit|blue|purple|10 minutes|head|weak|floppy|impossible'],
    nums: { 'temperat|°': 39.4 }, days: 0.05,
  },
  {
    id: 'v2_tod_repeat_febrile_fit_zh', expect: 'nonemergent', band: 'toddler', source: 'NICE CKS Febrile seizure (recurrent simple febrile seizure, recovered: assess the fever source)',
    text: '孩子又发烧抽筋了，以前也抽过', patient: { age_years: 3, sex: 'female' },
    story: 'Three-year-old who had two febrile fits last year; today a one-minute fit with 39 °C, now awake, talking and drinking.',
    yes: ['fever|temperature'], no: ['still|5 minutes|another fit|blue|purple|10 minutes|head|weak|first|different'],
    nums: { 'temperat|°': 39 }, days: 0.1,
  },
  {
    id: 'v2_tod_status_zh', expect: 'emergent', band: 'toddler', source: 'NICE NG217 Epilepsies (convulsive seizure over 5 minutes: emergency)',
    text: '孩子抽风停不下来', patient: { age_years: 2, sex: 'male' },
    story: 'Two-year-old fitting for about seven minutes and still jerking.',
    yes: ['fit|seizure|convuls|jerk', 'still|5 minutes|more than 5'], days: 0.01,
  },
  {
    id: 'v2_tod_coin_zh', expect: 'emergent', band: 'toddler', source: 'NASPGHAN foreign body ingestion in children 2015 (coin: X-ray to locate)',
    text: '孩子吞了硬币', patient: { age_years: 3, sex: 'male' },
    story: 'Three-year-old swallowed a one-yuan coin half an hour ago; no coughing, breathing normally, swallowing fine.',
    yes: ['coin'], no: ['battery|magnet|sharp|drool|cough|breath|blue|speak|cry|respond|thrust'], days: 0.02,
  },
  {
    id: 'v2_tod_magnets', expect: 'emergent', band: 'toddler', source: 'NASPGHAN foreign body ingestion 2015 (multiple magnets: urgent removal)',
    text: 'my son swallowed two magnets', patient: { age_years: 4, sex: 'male' },
    story: 'Four-year-old swallowed two small magnetic balls from a toy set an hour ago; no symptoms.',
    yes: ['magnet'], no: ['battery|sharp|drool|cough|breath|blue|speak|cry|respond'], days: 0.05,
  },
  {
    id: 'v2_tod_peanut_wheeze_zh', expect: 'emergent', band: 'toddler', source: 'ERC Guidelines 2021 foreign body airway obstruction; choking history with persisting cough/wheeze',
    text: '孩子吃花生呛到了，一直咳', patient: { age_years: 2, sex: 'female' },
    story: 'Two-year-old choked on a peanut 20 minutes ago; still coughing in bouts and now wheezy, but can cry and breathe.',
    yes: ['cough|wheez|noisy', 'peanut|nut'], no: ['speak|any sound|cry|blue|respond|battery|magnet|sharp|drool'], days: 0.02,
  },
  {
    id: 'v2_tod_peanut_ok', expect: 'nonemergent', band: 'toddler', source: 'ERC Guidelines 2021 foreign body airway obstruction (witnessed choking episode needs medical review)',
    text: 'toddler choked on a peanut but seems fine now', patient: { age_years: 3, sex: 'male' },
    story: 'Three-year-old coughed hard for a minute after a peanut went down the wrong way; now no cough, no wheeze, playing.',
    yes: ['peanut|nut'], no: ['speak|any sound|cry|blue|respond|battery|magnet|sharp|drool|cough|wheez|thrust'], days: 0.05,
  },
  {
    id: 'v2_tod_croup_mild_zh', expect: 'selfcare', band: 'toddler', source: 'NICE CKS Croup (mild: barking cough, no stridor at rest — manage at home)',
    text: '孩子咳嗽像狗叫', patient: { age_years: 2, sex: 'male' },
    story: 'Two-year-old with a cold and a barking cough at night since yesterday; no noisy breathing at rest, no working hard to breathe, 37.9 °C, drinking.',
    yes: ['cough|cold|bark'], no: ['struggl|blue|drows|blood|rest|rib|sentence|fever|wheez|risk|lung|harsh noise|noise when breathing'], nums: { 'temperat|°': 37.9 }, days: 1,
  },
  {
    id: 'v2_tod_otitis_zh', expect: 'nonemergent', band: 'toddler', source: 'NICE NG91 Otitis media (acute) in a toddler after a cold',
    text: '孩子感冒后发烧，一直揪耳朵，哭闹', patient: { age_years: 2, sex: 'female' },
    story: 'Two-year-old with a cold for 4 days; since last night fever 38.8 °C, irritable, crying at night and pulling at her right ear.',
    yes: ['ear|pulling', 'fever|temperature', 'irritab|crying|awake at night|severe', 'cold|runny'], no: ['glass|stiff|struggl|blue|floppy|fit|cold, blotchy|pale|travel|tick|behind the ear|pushed|headache|drool'],
    nums: { 'temperat|°': 38.8 }, days: 1,
  },
  {
    id: 'v2_tod_vomit_fever_zh', expect: 'nonemergent', band: 'toddler', source: 'NICE NG224 Urinary tract infection in under 16s (unexplained fever 38 °C or higher: urine test within 24 hours); NICE NG143',
    text: '孩子吐了好几次，还发烧', patient: { age_years: 2, sex: 'male' },
    story: 'Two-year-old vomited four times today with 39.2 °C; keeps small sips down, still peeing, alert between bouts.',
    yes: ['vomit|sick', 'fever|temperature'], no: ['blood|green|bile|head|stiff|pain|yellow|diabet|thirst|dry|urine|drows|glass|struggl|floppy|pale|travel|tick'],
    nums: { 'temperat|°': 39.2 }, days: 0.5,
  },
  {
    id: 'v2_tod_bloody_diarrhoea_zh', expect: 'emergent', band: 'toddler', source: 'NICE CKS Gastroenteritis (bloody diarrhoea in a child: exclude HUS); WHO IMCI dysentery',
    text: '孩子拉肚子带血，脸色发白，没精神', patient: { age_years: 3, sex: 'female' },
    story: 'Three-year-old with bloody diarrhoea for 4 days; today very pale, tired, and has passed very little urine.',
    yes: ['blood', 'pale', 'tired|drows|sleepy|lethargic|less alert', 'urine|wee|pee'], no: ['black|tarry|severe'], days: 4,
  },
  {
    id: 'v2_tod_hfmd_zh', expect: 'selfcare', band: 'toddler', source: '手足口病诊疗指南（2018 年版）普通病例；NICE CKS Hand, foot and mouth disease',
    text: '孩子手脚和嘴里起了小疱疹', patient: { age_years: 2, sex: 'male' },
    story: 'Two-year-old with small blisters on the hands and feet and sores in the mouth for 2 days; 38.0 °C yesterday, now 37.5; drinking, alert.',
    yes: ['blister|spots|sores|rash|mouth'], no: ['glass|purple|swell|breath|faint|large areas|peel|painful skin|fever|tick|band|spreading|ring|medicine|2 weeks|fit|jerk|drows|vomit'],
    nums: { 'temperat|°': 37.5 }, days: 2,
  },
  {
    id: 'v2_tod_roseola_zh', expect: 'selfcare', band: 'toddler', source: 'NICE CKS Roseola infantum (rash as the fever settles, child well)',
    text: '孩子烧退了，身上出了红疹子', patient: { age_years: 1, age_months: 3, sex: 'female' },
    story: 'Fifteen-month-old had 3 days of high fever that settled this morning; now a pink rash on the trunk that fades when pressed; alert, drinking.',
    yes: ['rash|spots'], no: ['glass|purple|swell|breath|faint|blister|peel|painful skin|fever|tick|band|spreading|ring|medicine|2 weeks'], nums: { 'temperat|°': 37.2 }, days: 1,
  },
  {
    id: 'v2_tod_epiglottitis', expect: 'emergent', band: 'toddler', source: 'NICE CKS Sore throat (red flags: drooling, stridor); textbook epiglottitis teaching case',
    text: 'my son has a fever, is drooling and cannot swallow', patient: { age_years: 3, sex: 'male' },
    story: 'Three-year-old with a sudden high fever, drooling because he cannot swallow his saliva, muffled voice, sitting forward.',
    yes: ['drool|saliva|swallow', 'muffled|hot potato|voice', 'fever|temperature'], nums: { 'temperat|°': 39.6 }, days: 0.3,
  },
  {
    id: 'v2_tod_diarrhoea_ok_zh', expect: 'selfcare', band: 'toddler', source: 'NICE CG84 Diarrhoea and vomiting in under 5s (no dehydration: home care with fluids)',
    text: '孩子拉肚子三天了', patient: { age_years: 1, age_months: 8, sex: 'male' },
    story: 'Twenty-month-old with loose stools 4 times a day for 3 days, no blood, drinking well, wet nappies, playful, no fever.',
    yes: ['loose|diarr|runny'], no: ['blood|pee|urine|drink|drows|vomit|travel|severe|thirst|tears|fever|hot|shivery|antibiotic'], days: 3,
  },
  {
    id: 'v2_tod_constipation_zh', expect: 'selfcare', band: 'toddler', source: 'NICE CG99 Constipation in children (idiopathic, no red flags)',
    text: '孩子便秘好几天了，拉的时候哭', patient: { age_years: 4, sex: 'female' },
    story: 'Four-year-old has not opened her bowels for 4 days, cries passing hard stools; eating, no vomiting, belly soft.',
    yes: ['hard|constip|not (passed|had)'], no: ['vomit|swollen|black|weight|medicine|wind|significant'], days: 4,
  },
  {
    id: 'v2_tod_uti_fever', expect: 'nonemergent', band: 'toddler', source: 'NICE NG224 Urinary tract infection in under 16s (fever without a source, smelly urine)',
    text: 'my toddler has a fever and smelly wee', patient: { age_years: 2, sex: 'female' },
    story: 'Two-year-old with 38.9 °C for a day, no cough or cold, strong-smelling urine, cries when peeing; drinking and alert.',
    yes: ['fever|temperature', 'smell|pain when peeing|peeing|wee|urine|pee'], no: ['glass|stiff|struggl|blue|floppy|fit|pale|no wee|dry|travel|tick|drinking much less|thirst|shaking|confus|swollen lower|vomit|blood|discharge|back|side'],
    nums: { 'temperat|°': 38.9 }, days: 1,
  },
  {
    id: 'v2_tod_cough_cold_zh', expect: 'selfcare', band: 'toddler', source: 'NICE NG120 Cough (acute) — children; NICE CKS Common cold',
    text: '孩子流鼻涕咳嗽', patient: { age_years: 3, sex: 'male' },
    story: 'Three-year-old with a runny nose and cough for 3 days, 37.8 °C, eating and playing, breathing easily.',
    yes: ['cough|cold|runny'], no: ['struggl|blue|drows|blood|rest|rib|fever|wheez|bark|risk|lung|sentence|ear|harsh'], nums: { 'temperat|°': 37.8 }, days: 3,
  },
  {
    id: 'v2_tod_head_vomit', expect: 'emergent', band: 'toddler', source: 'NICE NG232 Head injury (child: 3 or more discrete episodes of vomiting → CT)',
    text: 'toddler fell off the table and hit his head, vomited 3 times', patient: { age_years: 2, sex: 'male' },
    story: 'Two-year-old fell from a table onto a tiled floor two hours ago; has vomited three times since; a bit sleepy.',
    yes: ['head', 'vomit', 'sleepy|drows'], days: 0.1,
  },
  {
    id: 'v2_tod_fever_green_zh', expect: 'selfcare', band: 'toddler', source: 'NICE NG143 traffic-light table (green: normal colour, responds normally, no amber/red features)',
    text: '孩子发烧38度6，精神挺好', patient: { age_years: 3, sex: 'female' },
    story: 'Three-year-old, fever 38.6 °C since this morning with a runny nose; playing, drinking, peeing normally.',
    yes: ['fever|temperature'], no: ['glass|stiff|struggl|blue|floppy|fit|pale|dry|travel|tick|drinking much less|smell|pain when|ear|throat|red eyes|breath'],
    nums: { 'temperat|°': 38.6 }, days: 0.5,
  },
  {
    id: 'v2_tod_pneumonia_indrawing_zh', expect: 'emergent', band: 'toddler', source: 'WHO IMCI (cough or difficult breathing with chest indrawing: severe pneumonia, refer urgently)',
    text: '孩子咳嗽发烧，喘得厉害，肋骨下面往里凹', patient: { age_years: 2, sex: 'male' },
    story: 'Two-year-old with cough and fever 39 °C for 2 days, now breathing fast with the skin sucking in under the ribs.',
    yes: ['cough', 'fever|temperature', 'breath|fast', 'sucking in|ribs|working hard|struggl'], nums: { 'temperat|°': 39, 'breath|rate': 55 }, days: 2,
  },
  {
    id: 'v2_tod_sticky_eye_zh', expect: 'selfcare', band: 'toddler', source: 'NICE CKS Conjunctivitis – infective (child well, vision normal)',
    text: '孩子眼睛红，有很多眼屎', patient: { age_years: 2, sex: 'female' },
    story: 'Two-year-old with red, sticky eyes for 2 days, crusted in the morning; no pain, no swelling of the eyelid, well.',
    yes: ['red|sticky|discharge|gritty|itchy'], no: ['chemical|hit|vision|pain|light|contact|lid|swollen|week|lump|fever'], days: 2,
  },
  {
    id: 'v2_tod_nut_fine_zh', expect: 'nonemergent', band: 'toddler', source: 'ERC Guidelines 2021 foreign body airway obstruction (choking history in under-5s: medical review)',
    text: '孩子吃瓜子呛了一下，现在好了', patient: { age_years: 1, age_months: 10, sex: 'female' },
    story: 'Twenty-two-month-old coughed and went red after a sunflower seed went down the wrong way; coughing stopped after a minute; now fine.',
    yes: ['seed|nut|peanut'], no: ['speak|any sound|cry|blue|respond|battery|magnet|sharp|drool|cough|wheez|thrust'], days: 0.05,
  },

  // ---- school age (5-13 years)
  {
    id: 'v2_sch_appendicitis_zh', expect: 'emergent', band: 'school', source: 'NICE CKS Appendicitis (child: migrating pain, vomiting, pain on movement); textbook teaching case',
    text: '孩子肚子突然疼得厉害，右下边', patient: { age_years: 9, sex: 'male' },
    story: 'Nine-year-old with tummy pain since yesterday that started around the belly button and moved to the lower right; vomited twice; 38.1 °C; hurts to walk.',
    yes: ['belly button|moved|lower right', 'walk|cough|bump', 'vomit|sick', 'fever|temperature', 'constant|severe'], no: ['faint|pale|chest|blood|black|yellow|pregnan|diabet|thirst|testicle|back'],
    nums: { 'temperat|°': 38.1, 'pain|score': 7 }, days: 1,
  },
  {
    id: 'v2_sch_torsion_zh', expect: 'emergent', band: 'school', source: 'NICE CKS Scrotal pain and swelling (testicular torsion: emergency within hours)',
    text: '孩子蛋蛋突然疼得厉害', patient: { age_years: 12, sex: 'male' },
    story: 'Twelve-year-old woke with sudden severe pain in the left testicle an hour ago, feels sick.',
    yes: ['sudden|severe', 'testicle|scrotum', 'nause|sick|vomit'], days: 0.05,
  },
  {
    id: 'v2_sch_dka_zh', expect: 'emergent', band: 'school', source: 'NICE NG18 Diabetes in children (suspected DKA: vomiting, deep breathing with thirst and polyuria)',
    text: '孩子老是口渴，尿多，现在还吐', patient: { age_years: 10, sex: 'female' },
    story: 'Ten-year-old: three weeks of thirst and peeing a lot, lost weight; since this morning vomiting, tummy pain, breathing deeply, tired.',
    yes: ['thirst', 'peeing|urin|wee', 'vomit|sick', 'deep|fast.*breath|breath.*fast', 'tummy|belly|abdom', 'tired|drows|sleepy', 'weight'], days: 21,
  },
  {
    id: 'v2_sch_new_diabetes', expect: 'nonemergent', band: 'school', source: 'NICE NG18 Diabetes in children (suspected type 1: same-day referral)',
    text: 'my daughter is always thirsty and peeing a lot', patient: { age_years: 8, sex: 'female' },
    story: 'Eight-year-old drinking and peeing much more for 3 weeks, wetting the bed again, lost weight; no vomiting, alert.',
    yes: ['thirst', 'peeing|urin|wee|more often', 'weight'], no: ['vomit|tummy|belly|breath|drows|confus|pain|burn|sting|blood|fever|shiver|shaking'], days: 21,
  },
  {
    id: 'v2_sch_asthma_severe_zh', expect: 'emergent', band: 'school', source: 'BTS/SIGN 158 acute asthma in children (severe: cannot complete sentences, reliever not helping)',
    text: '孩子哮喘发作，说不了整句话', patient: { age_years: 7, sex: 'male' },
    story: 'Seven-year-old with asthma, wheezing badly; blue inhaler 10 puffs without help; cannot finish a sentence.',
    yes: ['asthma', 'inhaler|reliever|not help', 'sentence|talk|speak|words', 'wheez', BREATH], days: 0.1,
  },
  {
    id: 'v2_sch_anaphylaxis_zh', expect: 'emergent', band: 'school', source: 'Resuscitation Council UK anaphylaxis 2021 (airway: hoarse voice, swelling; breathing difficulty)',
    text: '孩子吃了花生，嘴唇肿了，喘不上气', patient: { age_years: 6, sex: 'female' },
    story: 'Six-year-old ate a peanut biscuit at a party; within minutes lips swollen, hoarse voice, coughing and struggling to breathe.',
    yes: ['lip|tongue|face|throat', 'swell', 'breath|wheez', 'nut|food|ate|allerg'], days: 0.02,
  },
  {
    id: 'v2_sch_sting_local_zh', expect: 'selfcare', band: 'school', source: 'NICE CKS Insect bites and stings (local reaction)',
    text: '孩子被蜜蜂蜇了，手背肿了', patient: { age_years: 10, sex: 'male' },
    story: 'Ten-year-old stung on the back of the hand; swelling and redness only around the sting, no other symptoms.',
    yes: ['sting|stung|bee'], no: ['breath|wheez|face|lip|tongue|throat|faint|hives|snake|mouth|more than 10|before|mammal|dog|tick|bigger|pus|red line'], days: 0.1,
  },
  {
    id: 'v2_sch_sting_face_local', expect: 'selfcare', band: 'school', source: 'NICE CKS Insect bites and stings (large local reaction at the sting site; no systemic features)',
    text: 'my son was stung by a wasp on his cheek', patient: { age_years: 8, sex: 'male' },
    story: 'Eight-year-old stung on the cheek; the cheek is swollen around the sting only; lips, tongue and breathing are normal; no hives elsewhere.',
    yes: ['sting|stung|wasp', 'only|where the sting|around the (sting|bite)|at the site'], no: ['breath|wheez|lip|tongue|throat|faint|hives|snake|mouth|more than 10|before|mammal|dog|tick|bigger|pus|red line'], days: 0.1,
  },
  {
    id: 'v2_sch_impetigo_zh', expect: 'nonemergent', band: 'school', source: 'NICE NG153 Impetigo: antimicrobial prescribing (localised: hydrogen peroxide or antibiotic cream)',
    text: '孩子鼻子周围长了黄色的痂，越来越多', patient: { age_years: 6, sex: 'female' },
    story: 'Six-year-old with golden crusted sores around the nose and mouth spreading over 4 days; otherwise well, no fever.',
    yes: ['crust|sore|scab|rash|spots|spreading|oozing', 'getting bigger|more|spread'], no: ['glass|purple|swell|breath|faint|large areas|peel|painful skin|fever|pox|tick|band|ring|medicine|2 weeks|hot'], days: 4,
  },
  {
    id: 'v2_sch_mastoiditis', expect: 'emergent', band: 'school', source: 'NICE NG91 Otitis media (acute): refer immediately if mastoiditis suspected',
    text: 'ear infection getting worse on antibiotics', patient: { age_years: 5, sex: 'male' },
    story: 'Five-year-old on antibiotics for an ear infection for 2 days; worse: fever 39.4 °C, irritable, vomiting, red painful swelling behind the ear and the ear sticks out.',
    yes: ['behind the ear|pushed outwards|sticks out', 'fever|temperature', 'vomit', 'severe|awake', 'ear'], nums: { 'temperat|°': 39.4 }, days: 4,
  },
  {
    id: 'v2_sch_head_bump_zh', expect: 'selfcare', band: 'school', source: 'NICE NG232 Head injury (child without risk factors: home with advice)',
    text: '孩子在学校撞到头了，起了个包', patient: { age_years: 8, sex: 'male' },
    story: 'Eight-year-old bumped his forehead on a door at school; cried at once, a bump, no vomiting, no drowsiness, playing normally.',
    yes: ['head|bump'], no: ['knocked out|confus|vomit|fit|drows|neck|bleed|bone|shape|weight|cut|gaping|blood thinner|under 1|over 65|dirty|infected|diabetes|week'], days: 0.1,
  },
  {
    id: 'v2_sch_limp_fever', expect: 'emergent', band: 'school', source: 'NICE CKS Acute childhood limp (limp with fever: same-day/immediate assessment for septic arthritis)',
    text: 'my son is limping and has a fever', patient: { age_years: 6, sex: 'male' },
    story: 'Six-year-old will not put weight on the right leg since this morning, hip hurts, 39 °C, looks unwell.',
    yes: ['weight|walk|limp|stand', 'fever|temperature|hot', 'hip|joint|leg'], nums: { 'temperat|°': 39 }, days: 0.5,
  },
  {
    id: 'v2_sch_known_epilepsy', expect: 'selfcare', band: 'school', source: 'NICE NG217 Epilepsies (known epilepsy, usual brief seizure, full recovery: no emergency care needed)',
    text: 'my son with epilepsy had one of his usual seizures', patient: { age_years: 11, sex: 'male' },
    story: 'Eleven-year-old with known epilepsy on medicine; a usual one-minute seizure; now back to normal; no injury, no fever.',
    yes: ['seizure|fit'], no: ['still|5 minutes|another|blue|purple|10 minutes|first|weak|head|fever|different|frequent'], days: 0.05,
  },
  {
    id: 'v2_sch_nosebleed_zh', expect: 'selfcare', band: 'school', source: 'NICE CKS Epistaxis (nosebleed stopped with first aid)',
    text: '孩子流鼻血了', patient: { age_years: 9, sex: 'female' },
    story: 'Nine-year-old with a nosebleed after picking her nose; stopped after 10 minutes of pinching; no injury, no other bleeding.',
    yes: ['nose|bleed'], no: ['20 minutes|not stopped|heavy|faint|blood thinner|injur|bruis|week|often|pale|swallow'], days: 0.05,
  },
  {
    id: 'v2_sch_scarlet_zh', expect: 'nonemergent', band: 'school', source: 'NICE CKS Scarlet fever (antibiotics; notifiable)',
    text: '孩子嗓子疼发烧，身上起了红疹子，摸着像砂纸', patient: { age_years: 7, sex: 'female' },
    story: 'Seven-year-old with sore throat, fever 38.8 °C and a fine red sandpaper rash on the chest and neck since this morning; drinking, alert.',
    yes: ['throat', 'fever|temperature', 'sandpaper|fine red rash|rash', 'glands|tonsil|pus|white spots'], no: ['glass|purple|struggl|drool|one side|open|muffled|chemo|immune|exhaust|stiff|fit|floppy|pale|travel|tick|swell.*lips|lips, tongue|faint'],
    nums: { 'temperat|°': 38.8 }, days: 1,
  },
  {
    id: 'v2_sch_chickenpox_zh', expect: 'selfcare', band: 'school', source: 'NICE CKS Chickenpox (immunocompetent child, well)',
    text: '孩子出水痘了', patient: { age_years: 6, sex: 'male' },
    story: 'Six-year-old, itchy spots turning into blisters and scabs since 2 days, classmates had chickenpox; 37.8 °C; drinking, playing.',
    yes: ['spots|blister|rash|itchy|scab|chickenpox|pox'], no: ['glass|purple|swell|breath|faint|large areas|peel|painful skin|fever|tick|band|spreading|ring|medicine|2 weeks|hot'], nums: { 'temperat|°': 37.8 }, days: 2,
  },
  {
    id: 'v2_sch_lockjaw_nail_zh', expect: 'emergent', band: 'school', source: 'WHO Tetanus fact sheet (trismus after a contaminated wound)',
    text: '孩子嘴张不开，前几天被钉子扎了脚', patient: { age_years: 10, sex: 'male' },
    story: 'Ten-year-old stepped on a rusty nail 8 days ago; since today his jaw is stiff and he cannot open his mouth properly; vaccinations unknown.',
    yes: ['jaw|mouth|open', 'wound|nail|rusty', 'tetanus|jab'], days: 8,
  },
  {
    id: 'v2_sch_eye_ball_injury', expect: 'emergent', band: 'school', source: 'NICE CKS Red eye / eye trauma (blunt injury with reduced vision: same-day eye emergency)',
    text: 'a ball hit my son in the eye and now his vision is blurry', patient: { age_years: 10, sex: 'male' },
    story: 'Ten-year-old hit in the eye by a football an hour ago; eye painful and red; vision blurred and not clearing.',
    yes: ['hit|high speed|injur', 'vision|blur|see', 'pain'], days: 0.05,
  },
  {
    id: 'v2_sch_stomach_ache_mild_zh', expect: 'selfcare', band: 'school', source: 'NICE CKS / textbook teaching: recurrent non-specific abdominal pain in a well child without red flags',
    text: '孩子早上上学前总说肚子疼', patient: { age_years: 8, sex: 'female' },
    story: 'Eight-year-old with vague tummy aches around the belly button on school mornings for a month; eats, grows, no vomiting, no fever, stools normal.',
    yes: ['all over'], no: ['faint|pale|chest|blood|black|yellow|severe|pregnan|diabet|thirst|testicle|moved|right|walk|cough|fever|back|burning|weeks|vomit|sick'], days: 30,
  },
  {
    id: 'v2_sch_flank_haematuria', expect: 'nonemergent', band: 'school', source: 'NICE NG118 Renal and ureteric stones (children: refer to paediatric urology)',
    text: 'my son has pain in his side and his pee is pink', patient: { age_years: 12, sex: 'male' },
    story: 'Twelve-year-old with cramping pain in the right side of the back going to the groin for a day, pink urine; no fever, peeing, pain eased by ibuprofen.',
    yes: ['one side|side|back|groin|waves', 'red|pink|blood'], no: ['faint|fever|chills|shiver|no urine|nothing comes|vomit|water|still so bad|one kidney|poorly|burn|keep needing'], days: 1,
  },

  // ---- adults
  {
    id: 'v2_ad_renal_colic_zh', expect: 'nonemergent', band: 'adult', source: 'NICE CKS Renal or ureteric colic – acute (pain controlled, no admission criteria: urgent imaging)',
    text: '左边腰疼到大腿根，一阵一阵的，尿是红的', patient: { age_years: 35, sex: 'male' },
    story: 'Colicky left loin pain spreading to the groin since this morning, red urine; the painkiller eased it; no fever, peeing, keeps water down.',
    yes: ['waves|groin|one side', 'red|pink|blood'], no: ['faint|fever|chills|shiver|no urine|nothing comes|vomit|water|still so bad|one kidney|poorly|burn|keep needing'], days: 0.4,
  },
  {
    id: 'v2_ad_renal_colic_fever_zh', expect: 'emergent', band: 'adult', source: 'NICE CKS Renal or ureteric colic (signs of infection: immediate admission)',
    text: '腰疼发烧，一直打寒战', patient: { age_years: 42, sex: 'female' },
    story: 'Right loin pain for 2 days, now 38.9 °C with shaking chills.',
    yes: ['fever|chills|shiver|shaking', 'side|back|waves|below the ribs', 'hot'], nums: { 'temperat|°': 38.9 }, days: 2,
  },
  {
    id: 'v2_ad_flank_aaa', expect: 'emergent', band: 'older', source: 'NICE CKS Renal or ureteric colic (over 60, first episode: exclude a leaking aortic aneurysm)',
    text: 'sudden pain in my left side and back, I feel faint', patient: { age_years: 71, sex: 'male' },
    story: 'Seventy-one-year-old smoker: sudden severe left flank and back pain an hour ago, feels faint and sweaty; never had kidney stones.',
    yes: ['faint|sweaty|clammy', 'sudden|severe', 'side|back|flank'], days: 0.05,
  },
  {
    id: 'v2_ad_first_fit_zh', expect: 'emergent', band: 'adult', source: 'NICE NG217 Epilepsies (first seizure: urgent assessment); 中国急诊预检分诊专家共识（2018）',
    text: '同事突然倒地抽搐，口吐白沫', patient: { age_years: 25, sex: 'male' },
    story: 'Twenty-five-year-old colleague collapsed and jerked all over for a minute with froth at the mouth; never had a fit before; now awake and muddled.',
    yes: ['fit|seizure|convuls|jerk|first'], no: ['still|5 minutes|another fit|blue|purple|10 minutes|pregnan|head|weak'], days: 0.02,
  },
  {
    id: 'v2_ad_known_epilepsy_zh', expect: 'selfcare', band: 'adult', source: 'NICE NG217 Epilepsies (known epilepsy, usual seizure, full recovery)',
    text: '我癫痫又发作了一次，现在好了', patient: { age_years: 30, sex: 'female' },
    story: 'Known epilepsy on medicine; a usual brief seizure this morning, fully recovered, no injury, no fever; not pregnant.',
    yes: ['seizure|fit'], no: ['still|5 minutes|another|blue|purple|10 minutes|first|weak|head|fever|different|frequent|pregnan'], days: 0.2,
  },
  {
    id: 'v2_ad_eclampsia', expect: 'emergent', band: 'adult', source: 'NICE NG133 Hypertension in pregnancy (eclampsia: emergency)',
    text: 'my pregnant wife had a seizure', patient: { age_years: 32, sex: 'female', pregnant: true },
    story: 'Thirty-five weeks pregnant; had a fit lasting a minute after a day of headache; now drowsy.',
    yes: ['seizure|fit|convuls|jerk', 'pregnan|gave birth'], no: ['still|5 minutes|another fit|blue|purple|10 minutes'], days: 0.02,
  },
  {
    id: 'v2_ad_leg_cramp_zh', expect: 'selfcare', band: 'older', source: 'NICE CKS Leg cramps (idiopathic nocturnal)',
    text: '晚上小腿抽筋', patient: { age_years: 68, sex: 'female' },
    story: 'Sixty-eight-year-old with calf cramps at night about once a week for a month; no wound, no new medicine, no weakness.',
    yes: ['calf|leg|cramp'], no: ['breath|whole body|drows|jaw|wound|fever|medicine|several times|sleep'], days: 30,
  },
  {
    id: 'v2_ad_tetanus_zh', expect: 'emergent', band: 'adult', source: 'WHO Tetanus fact sheet (trismus and neck stiffness after a dirty wound)',
    text: '嘴张不开，脖子也发硬', patient: { age_years: 55, sex: 'male' },
    story: 'Farmer who stepped on a rusty nail 8 days ago; now jaw stiff, cannot open the mouth, neck stiff; no tetanus jab since school.',
    yes: ['jaw|mouth|open', 'neck', 'wound|nail|rusty', 'tetanus|jab'], no: ['breath|whole body|drows'], days: 8,
  },
  {
    id: 'v2_ad_dystonia', expect: 'emergent', band: 'adult', source: 'BNF metoclopramide / NICE CKS drug-induced acute dystonic reaction',
    text: 'my neck is twisting and my eyes roll up after anti-sickness tablets', patient: { age_years: 19, sex: 'female' },
    story: 'Nineteen-year-old started metoclopramide yesterday; since an hour her neck twists to one side and her eyes roll upwards; breathing fine.',
    yes: ['neck|eyes|twist|face', 'medicine|tablet|anti-sickness'], no: ['breath|whole body|drows|jaw|wound|fever'], days: 0.05,
  },
  {
    id: 'v2_ad_meningism_zh', expect: 'emergent', band: 'adult', source: 'NICE NG240 Bacterial meningitis (fever, neck stiffness, headache)',
    text: '发烧，脖子发硬，头很疼', patient: { age_years: 20, sex: 'male' },
    story: 'Student with fever 39.2 °C since this morning, severe headache, neck too stiff to bend the chin to the chest, light hurts.',
    yes: ['fever|temperature|hot', 'neck|stiff|bend|chin', 'headache', 'light'], nums: { 'temperat|°': 39.2, 'pain|score': 8 }, days: 0.5,
  },
  {
    id: 'v2_ad_wry_neck_zh', expect: 'selfcare', band: 'adult', source: 'NICE CKS Neck pain – acute torticollis',
    text: '落枕了，脖子转不动', patient: { age_years: 40, sex: 'female' },
    story: 'Woke with a painful stiff neck, cannot turn the head to the left; no fever, no injury, no numbness.',
    yes: ['neck'], no: ['breath|whole body|drows|jaw|wound|fever|medicine|chin'], days: 0.3,
  },
  {
    id: 'v2_ad_back_spasm', expect: 'selfcare', band: 'adult', source: 'NICE NG59 Low back pain (acute, no red flags)',
    text: 'back muscle spasm after lifting', patient: { age_years: 35, sex: 'male' },
    story: 'Back muscles went into spasm lifting a box yesterday; moving stiffly; no leg weakness or numbness, no bladder problems, no fever.',
    yes: ['back|lift|spasm'], no: ['breath|whole body|drows|jaw|wound|fever|medicine|numb|weak|bladder|bowel|cancer|injury|fall|leg|night|older|sudden'], days: 1,
  },
  {
    id: 'v2_ad_choking_adult_zh', expect: 'emergent', band: 'adult', source: 'Resuscitation Council UK adult choking algorithm (severe obstruction)',
    text: '吃饭噎住了，说不出话', patient: { age_years: 60, sex: 'male' },
    story: 'Sixty-year-old choking on a piece of meat at dinner; cannot speak or cough, clutching his throat.',
    yes: ['speak|cough with any sound|breathe'], days: 0.01,
  },
  {
    id: 'v2_ad_wrong_way', expect: 'selfcare', band: 'adult', source: 'Resuscitation Council UK choking algorithm (effective cough, resolved)',
    text: 'water went down the wrong way, had a coughing fit, fine now', patient: { age_years: 30, sex: 'female' },
    story: 'Coughed hard for a minute after drinking water too fast; now breathing, talking and swallowing normally.',
    yes: ['food or drink|water|drink'], no: ['speak|any sound|blue|respond|non-stop|wheez|noisy|battery|magnet|sharp|drool|thrust|coin|small object|not sure'], days: 0.01,
  },
  {
    id: 'v2_ad_mastitis_zh', expect: 'nonemergent', band: 'adult', source: 'NICE CKS Mastitis and breast abscess (lactational, systemically unwell: antibiotics)',
    text: '喂奶乳房红肿发烧', patient: { age_years: 29, sex: 'female' },
    story: 'Breastfeeding a 5-week-old; a red, hard, hot, painful area in the left breast since yesterday, 38.8 °C and achy; alert, not faint.',
    yes: ['breastfeed', 'red|hard|warm|hot|painful', 'fever|achy|shivery'], no: ['confus|drows|faint|spreading fast|purple|black|lump|bloody|brown|inward|dimpl'],
    nums: { 'temperat|°': 38.8 }, days: 1,
  },
  {
    id: 'v2_ad_blocked_duct_zh', expect: 'selfcare', band: 'adult', source: 'ABM Clinical Protocol #36 The mastitis spectrum (ductal narrowing / engorgement: conservative care)',
    text: '堵奶了，有个硬块，有点疼', patient: { age_years: 27, sex: 'female' },
    story: 'Breastfeeding a 3-month-old; a tender firm lump since this morning; no fever, skin not red; feels well.',
    yes: ['breastfeed'], no: ['confus|drows|faint|spreading|purple|black|red|fever|achy|24 hours|go away|bloody|brown|inward|dimpl'], days: 0.3,
  },
  {
    id: 'v2_ad_breast_lump_zh', expect: 'nonemergent', band: 'adult', source: 'NICE NG12 Suspected cancer (breast: unexplained lump aged 30 or over → suspected cancer pathway)',
    text: '乳房摸到一个肿块', patient: { age_years: 48, sex: 'female' },
    story: 'Forty-eight-year-old found a painless lump in the right breast in the shower; not breastfeeding; it has not gone after her period.',
    yes: ['lump|go away'], no: ['confus|drows|faint|spreading|purple|black|breastfeed|red|fever|achy|bloody|brown|inward|dimpl'], days: 10,
  },
  {
    id: 'v2_ad_cyclical_breast', expect: 'selfcare', band: 'adult', source: 'NICE CKS Breast pain – cyclical',
    text: 'sore breasts before my period', patient: { age_years: 32, sex: 'female' },
    story: 'Both breasts ache and feel heavy in the week before each period for months; no lump, no redness, not breastfeeding.',
    yes: [], no: ['confus|drows|faint|spreading|purple|black|breastfeed|red|fever|achy|lump|bloody|brown|inward|dimpl'], days: 90,
  },
  {
    id: 'v2_ad_breast_sepsis', expect: 'emergent', band: 'adult', source: 'NICE NG51 Sepsis (high-risk: dizziness/new faintness, tachycardia) with lactational mastitis',
    text: 'red painful breast, fever and I feel faint', patient: { age_years: 31, sex: 'female' },
    story: 'Breastfeeding; red hot breast for 3 days, fever 39.4 °C, now dizzy and nearly faints on standing, heart racing.',
    yes: ['faint|dizzy', 'breastfeed', 'red|hard|hot|warm', 'fever|shivery'], nums: { 'temperat|°': 39.4 }, days: 3,
  },
  {
    id: 'v2_ad_flu_zh', expect: 'selfcare', band: 'adult', source: 'NICE CKS Influenza – seasonal (healthy adult: self-care)',
    text: '发烧浑身酸痛，还咳嗽', patient: { age_years: 30, sex: 'male' },
    story: 'Healthy 30-year-old: sudden fever 39 °C yesterday with aching muscles, headache, dry cough; drinking fine, breathing easily.',
    yes: ['fever|temperature|hot', 'ache|aching|muscle', 'cough', 'headache|sudden'], no: ['breath|struggl|blue|drows|confus|stiff|rash|glass|travel|malaria|tick|immune|chemo|pregnan|lung|heart|diabet|blood|chest|sentence|pain when|urine|belly|tummy|3 days|more than'],
    nums: { 'temperat|°': 39 }, days: 1,
  },
  {
    id: 'v2_ad_gastro_no_fluids', expect: 'emergent', band: 'adult', source: 'NICE CKS Gastroenteritis (admit if unable to tolerate oral fluids or severe dehydration)',
    text: 'vomiting and diarrhoea with fever, cannot keep water down', patient: { age_years: 28, sex: 'female' },
    story: 'Two days of vomiting and watery diarrhoea with 38.5 °C; since yesterday cannot keep even sips down; hardly peed since last night; dizzy on standing.',
    yes: ['vomit|sick', 'diarr|loose', 'sips|keep.*down|fluids', 'urine|pee', 'dizz'], no: ['blood|black|bile|green|head|stiff|yellow|diabet|thirst|severe'], nums: { 'temperat|°': 38.5 }, days: 2,
  },
  {
    id: 'v2_ad_foot_drop', expect: 'nonemergent', band: 'adult', source: 'NICE CKS Sciatica (progressive or severe neurological deficit: urgent referral)',
    text: 'back pain and my foot is slapping, cannot lift my toes', patient: { age_years: 45, sex: 'male' },
    story: 'Two weeks of back pain down the left leg; since yesterday cannot lift the left foot or toes, foot slaps when walking; bladder and bowels normal, no numbness around the bottom.',
    yes: ['back', 'leg|foot', 'weak|lift|one leg|foot'], no: ['sudden|faint|both legs|bottom|genital|saddle|bladder|bowel|urine|cancer|fever|injur|fall|older|night|steroid|immune|pee'], days: 14,
  },
  {
    id: 'v2_ad_cellulitis_zh', expect: 'nonemergent', band: 'adult', source: 'NICE NG141 Cellulitis and erysipelas (non-severe: oral antibiotics)',
    text: '小腿红肿发烫，有点发烧', patient: { age_years: 60, sex: 'female' },
    story: 'Sixty-year-old with a red, hot, swollen, tender area on the left shin spreading over 2 days from a scratch; 38.0 °C; no recent surgery or travel; feels otherwise well.',
    yes: ['red|hot|warm|swell|swollen', 'spread', 'fever|temperature', 'scratch|wound|cut'], no: ['breath|chest|cough|blood|surgery|operation|plaster|flight|travel|immobil|cancer|pill|pregnan|both|sudden|cold|pale|blue|numb|sweat|faint|confus'],
    nums: { 'temperat|°': 38 }, days: 2,
  },
  {
    id: 'v2_ad_sunburn_face_zh', expect: 'selfcare', band: 'adult', source: 'NICE CKS Burns and scalds (superficial: self-care); NHS sunburn advice',
    text: '脸晒伤了，红红的，有点疼', patient: { age_years: 25, sex: 'male' },
    story: 'Red, sore face and neck after a day on the beach; no blisters, no fever, no smoke or fire.',
    yes: ['sun|red|sore'], no: ['smoke|fire|chemical|electric|airway|breath|hoarse|blister|large|hand|genital|joint|white|charred|deep|fever|infect|pus|child|baby|older'], days: 0.5,
  },
  {
    id: 'v2_ad_shingles_zh', expect: 'nonemergent', band: 'older', source: 'NICE CKS Shingles (antivirals within 72 hours for over 50s)',
    text: '腰上一圈起水泡，很疼', patient: { age_years: 70, sex: 'female' },
    story: 'Seventy-year-old with a painful band of blisters on the right side of the waist for 2 days; eye not involved; no fever.',
    yes: ['band|one side|blister|painful'], no: ['glass|purple|swell|lips|breath|faint|large areas|mouth, eyes|eye|fever|pox|tick|spreading|ring|medicine|2 weeks'], days: 2,
  },
  {
    id: 'v2_ad_dissection_zh', expect: 'emergent', band: 'adult', source: 'ESC 2014 aortic diseases guideline (sudden tearing chest pain radiating to the back); 中国急诊预检分诊专家共识（2018）',
    text: '胸口突然撕裂一样疼，疼到后背', patient: { age_years: 62, sex: 'male' },
    story: 'Sixty-two-year-old with high blood pressure: sudden severe tearing chest pain going through to the back between the shoulder blades, sweaty.',
    yes: ['sudden|severe|tearing|ripping', 'back|shoulder blades', 'sweat|clammy', 'now|still|at rest|more than'], nums: { 'pain|score': 10 }, days: 0.02,
  },
  {
    id: 'v2_ad_cystitis_zh', expect: 'nonemergent', band: 'adult', source: 'NICE NG109 Urinary tract infection (lower): antibiotic prescribing',
    text: '尿尿的时候疼，老想上厕所', patient: { age_years: 30, sex: 'female' },
    story: 'Two days of stinging when peeing and needing to go often; no fever, no back pain, not pregnant, no discharge.',
    yes: ['burn|sting|hurt.*pee|pain.*(pee|urin)', 'often|urgen|frequen'], no: ['fever|shiver|shaking|confus|thirst|back|side|vomit|blood|red|discharge|partner|pregnan|unable'], days: 2,
  },
  {
    id: 'v2_ad_burning_pee_zh', expect: 'nonemergent', band: 'adult', source: 'NICE NG109 Urinary tract infection (lower)',
    text: '尿尿的时候烧得慌', patient: { age_years: 25, sex: 'female' },
    story: 'Since yesterday burning when passing urine and going often; no fever, no back pain, no discharge.',
    yes: ['burn|sting|hurt.*pee|pain.*(pee|urin)', 'often|urgen|frequen'], no: ['fever|shiver|shaking|confus|thirst|back|side|vomit|blood|red|discharge|partner|pregnan|unable'], days: 1,
  },
  {
    id: 'v2_ad_orbital', expect: 'emergent', band: 'adult', source: 'NICE CKS Cellulitis – periorbital/orbital (pain on eye movement, double vision: same-day emergency)',
    text: 'my eye is painful and swollen', patient: { age_years: 35, sex: 'female' },
    story: 'After a sinus infection, the eyelids and skin around the left eye are red, swollen and hot; it hurts to move the eye, vision is doubled; 38.5 °C.',
    yes: ['double|vision', 'lid|around the eye|swollen|swell', 'pain', 'fever|temperature'], nums: { 'temperat|°': 38.5 }, days: 1,
  },
  {
    id: 'v2_ad_yellow_phlegm', expect: 'selfcare', band: 'adult', source: 'NICE NG120 Cough (acute): antimicrobial prescribing (discoloured sputum alone is not a reason for antibiotics)',
    text: 'cough with yellow phlegm', patient: { age_years: 40, sex: 'male' },
    story: 'Five days of cough with yellow phlegm after a cold; no fever, not breathless, no chest pain, non-smoker, otherwise well.',
    yes: ['cough|phlegm|cold'], no: ['breath|struggl|blue|drows|blood|rest|rib|fever|wheez|risk|lung|sentence|chest|sharp|smok'], days: 5,
  },
  {
    id: 'v2_ad_tennis_elbow', expect: 'selfcare', band: 'adult', source: 'NICE CKS Tennis elbow (lateral epicondylitis)',
    text: 'elbow pain', patient: { age_years: 38, sex: 'female' },
    story: 'Pain on the outside of the right elbow for 3 weeks, worse gripping and lifting, after starting tennis; no injury, no swelling, no fever.',
    yes: ['elbow|grip|outside'], no: ['fall|injur|shape|weight|swell|hot|red|fever|numb|weak|chest|breath|calf|several joints|rash|morning stiff'], days: 21,
  },
  {
    id: 'v2_ad_anaphylaxis_drug_zh', expect: 'emergent', band: 'adult', source: 'Resuscitation Council UK anaphylaxis 2021 (drug trigger: rash with airway symptoms)',
    text: '打完针全身起疹子，喉咙发紧', patient: { age_years: 40, sex: 'female' },
    story: 'Ten minutes after an antibiotic injection at a clinic: hives all over, throat feels tight, hoarse, light-headed.',
    yes: ['throat|tight|swallow', 'hive|rash|welt|itch', 'faint|dizz|light', 'lips|tongue|swell', 'medicine|injection|drug'], days: 0.01,
  },
  {
    id: 'v2_ad_migraine_zh', expect: 'selfcare', band: 'adult', source: 'NICE CG150 Headaches in over 12s (typical migraine, usual pattern)',
    text: '偏头痛又犯了，跟以前一样', patient: { age_years: 28, sex: 'female' },
    story: 'Known migraine: a one-sided throbbing headache like her usual ones since this morning, light bothers her; no fever, no weakness, no new symptoms.',
    yes: ['usual|same as|before|migraine'], no: ['sudden|worst|thunder|stiff|fever|rash|weak|numb|droop|speech|confus|vision|fit|injur|pregnan|older|cancer|immune|new|changed|jaw|wake|cough|light'],
    nums: { 'pain|score': 6 }, days: 0.3,
  },
  {
    id: 'v2_ad_cold_zh', expect: 'selfcare', band: 'adult', source: 'NICE CKS Common cold',
    text: '流鼻涕、打喷嚏，嗓子有点疼', patient: { age_years: 30, sex: 'female' },
    story: 'Three days of runny nose, sneezing and a scratchy throat; 37.4 °C; otherwise well.',
    yes: ['runny|sneez|cold|nose|cough'], no: ['struggl|blue|drows|blood|rest|rib|fever|wheez|risk|lung|sentence|face|pain|one side|week|drool|open|pus|glands|tonsil|rash|exhaust|chemo|immune'], nums: { 'temperat|°': 37.4 }, days: 3,
  },
  {
    id: 'v2_ad_toothache_zh', expect: 'nonemergent', band: 'adult', source: 'SDCEP Management of acute dental problems (toothache without swelling: routine/urgent dental care)',
    text: '牙疼好几天了', patient: { age_years: 33, sex: 'male' },
    story: 'A molar aching for 4 days, worse with cold drinks; no face swelling, no fever, can open the mouth and swallow.',
    yes: ['tooth|teeth|molar|cold'], no: ['swell|breath|swallow|open|fever|eye|injur|knock|bleed|ulcer|3 weeks|numb|jaw|chest|arm|sweat'], days: 4,
  },

  // ---- older adults (65+)
  {
    id: 'v2_old_stroke_zh', expect: 'emergent', band: 'older', source: 'NICE NG128 Stroke and TIA (FAST); 中国急诊预检分诊专家共识（2018）',
    text: '我爸突然说话不清楚，一边手没劲', patient: { age_years: 72, sex: 'male' },
    story: 'Seventy-two-year-old: half an hour ago sudden slurred speech and weakness of the right arm; face droops on the right.',
    yes: ['speech|speak|slurr|words|talk', 'arm|leg|one side', 'weak|numb', 'face|droop', 'sudden'], days: 0.02,
  },
  {
    id: 'v2_old_hip_fall', expect: 'emergent', band: 'older', source: 'NICE CG124 Hip fracture (fall, unable to bear weight)',
    text: 'my mum fell and cannot get up, her hip hurts', patient: { age_years: 82, sex: 'female' },
    story: 'Eighty-two-year-old fell at home, severe right hip pain, cannot stand or put weight on the leg, the leg looks shorter and turned out.',
    yes: ['weight|stand|walk|move', 'shape|shorter|turned', 'fall|fell', 'hip|leg'], no: ['knocked out|confus|vomit|fit|blood thinner|warfarin'], days: 0.1,
  },
  {
    id: 'v2_old_confusion_sepsis_zh', expect: 'emergent', band: 'older', source: 'NICE NG51 Sepsis (high risk: new confusion); 中国急诊预检分诊专家共识（2018）',
    text: '我妈突然糊涂了，还发烧', patient: { age_years: 84, sex: 'female' },
    story: 'Eighty-four-year-old, since yesterday muddled and not making sense, 38.7 °C, smelly urine, breathing fast.',
    yes: ['confus|muddled|not making sense|sudden|new', 'fever|temperature|hot', 'urine|pee|smell', 'breath.*fast|fast'], nums: { 'temperat|°': 38.7 }, days: 1,
  },
  {
    id: 'v2_old_chest_pain_zh', expect: 'emergent', band: 'older', source: 'NICE CG95 Recent-onset chest pain; 中国急诊预检分诊专家共识（2018）',
    text: '胸口闷痛，出冷汗', patient: { age_years: 68, sex: 'female' },
    story: 'Sixty-eight-year-old with pressing chest pain for 30 minutes at rest, cold sweat and nausea.',
    yes: ['pressure|pressing|tight|heavy|squeez|crush', 'sweat|clammy', 'nause|sick', 'now|still|rest|more than (15|20|10) minutes'], nums: { 'pain|score': 7 }, days: 0.02,
  },
  {
    id: 'v2_old_choking_recovered', expect: 'nonemergent', band: 'older', source: 'Resuscitation Council UK adult choking algorithm (after abdominal thrusts: medical examination)',
    text: 'my father choked on food, we did the Heimlich and it came out', patient: { age_years: 78, sex: 'male' },
    story: 'Seventy-eight-year-old choked on bread; abdominal thrusts dislodged it; now breathing and talking normally, no cough.',
    yes: ['thrust|heimlich|back blows', 'food or drink|food'], no: ['speak|any sound|blue|respond|non-stop|wheez|noisy|battery|magnet|sharp|drool|coin|small object|not sure'], days: 0.02,
  },

  // ---- answers the parent or patient does not know ("not sure")
  {
    id: 'v2_tod_fever_no_thermometer_zh', expect: 'selfcare', band: 'toddler', source: 'NICE NG143 (parental perception of fever; green features: home care with safety-netting)',
    text: '孩子摸着有点烫，家里没有体温计', patient: { age_years: 3, sex: 'male' },
    story: 'Three-year-old feels warm since the afternoon; no thermometer at home; playing, drinking, peeing normally, a runny nose.',
    yes: ['hot|warm'], unsure: ['temperature'], no: ['glass|stiff|struggl|blue|floppy|fit|pale|dry|travel|tick|drinking much less|smell|pain when|ear|throat|red eyes|breath'], days: 0.3,
  },
  {
    id: 'v2_sch_tetanus_unsure', expect: 'nonemergent', band: 'school', source: 'UKHSA Green Book ch. 30 Tetanus (tetanus-prone wound, immunisation status uncertain: assess for booster/immunoglobulin)',
    text: 'my daughter cut her hand on a rusty fence', patient: { age_years: 9, sex: 'female' },
    story: 'Nine-year-old with a small cut on the palm from a rusty farm fence; bleeding stopped; the parent is not sure her vaccinations are complete.',
    yes: ['cut|wound', 'rust|dirty'], unsure: ['tetanus|jab|vaccin'], no: ['heavy|spurting|not stopped|head|bone|shape|weight|deep|gaping|face|stuck|numb|move|red, hot|pus|fever|diabetes|week|snake|mammal|dog|cat'], days: 0.1,
  },
  {
    id: 'v2_ad_fever_unsure_adult_zh', expect: 'selfcare', band: 'adult', source: 'NICE CKS Influenza – seasonal / Feverish illness in adults (no thermometer; no red flags)',
    text: '感觉发烧了，浑身发冷，没有体温计', patient: { age_years: 27, sex: 'female' },
    story: 'Since last night feels feverish and shivery with aches and a sore throat; no thermometer; drinking well; no breathing problems.',
    yes: ['hot|shivery|ache|aching|throat'], unsure: ['temperature'], no: ['breath|struggl|blue|drows|confus|stiff|rash|glass|travel|malaria|tick|immune|chemo|pregnan|lung|heart|diabet|blood|chest|pain when|urine|belly|tummy|3 days|more than|fast|clammy'], days: 0.7,
  },

  // ---- bundled questions, present tense, questions for people without the thing asked about
  {
    id: 'v2_ad_painful_contact_rash_zh', expect: 'selfcare', band: 'adult', source: 'NICE CKS Dermatitis – contact (irritant/allergic, localised)',
    text: '手臂起红疹，又痒又疼', patient: { age_years: 30, sex: 'female' },
    story: 'After clearing weeds yesterday, an itchy, sore red rash on both forearms; no blisters over large areas, mouth and eyes fine, no fever, no swelling of the face.',
    yes: ['rash|red|itchy', 'sore|painful'], no: ['glass|purple|lips|tongue|face|throat|breath|faint|large areas|mouth|eyes|genital|fever|pox|tick|band|spreading|hot|ring|medicine|2 weeks'], days: 1,
  },
  {
    id: 'v2_ad_fever_gone_cough', expect: 'selfcare', band: 'adult', source: 'NICE NG120 Cough (acute) (viral illness settling; no red flags)',
    text: 'I had a fever for two days, it went yesterday, still coughing', patient: { age_years: 35, sex: 'male' },
    story: 'Fever up to 38.6 °C for two days that broke yesterday; a dry cough remains; not breathless, no chest pain, eating and drinking.',
    yes: ['cough'], no: ['struggl|blue|drows|blood|rest|rib|fever|wheez|risk|lung|sentence|chest|sharp|breath'], nums: { 'temperat|°': 38.6 }, days: 4,
  },
  {
    id: 'v2_ad_reflux_zh', expect: 'selfcare', band: 'adult', source: 'NICE CG184 Dyspepsia and GORD (under 55, no alarm features: self-care and pharmacy)',
    text: '吃完饭烧心，反酸水', patient: { age_years: 42, sex: 'male' },
    story: 'For ten days a burning feeling behind the breastbone after big meals and lying down, with acid coming up; eats well, no weight loss, no vomiting, no black stools, no pain on exertion.',
    yes: ['burning|acid|heartburn|meal|lying'], no: ['faint|pale|sweat|arm|jaw|breath|blood|black|yellow|severe|pregnan|diabet|thirst|testicle|walk|fever|weight|3 weeks|swallow|exert|pressure|crush|tight|sudden|tear'], days: 10,
  },
  {
    id: 'v2_old_breathless_no_inhaler', expect: 'nonemergent', band: 'older', source: 'NICE NG106 Chronic heart failure (suspected: refer for assessment)',
    text: 'getting breathless walking up the stairs', patient: { age_years: 74, sex: 'female' },
    story: 'Over six weeks more and more breathless on the stairs, ankles a little swollen in the evening; fine at rest; no asthma, no inhaler, no chest pain.',
    yes: [BREATH, 'stairs|exertion|walking|activity', 'ankle'], no: ['rest|sitting|sentence|blue|grey|sudden|chest|cough|blood|fever|asthma|inhaler|reliever|food|sting|allerg|faint|collaps|drows|confus|lying|night|pillow'], days: 42,
  },
  {
    id: 'v2_ad_strain_side_zh', expect: 'selfcare', band: 'adult', source: 'NICE NG59 Low back pain and sciatica (mechanical pain after lifting, no red flags)',
    text: '右边腰疼，搬花盆扭到了', patient: { age_years: 40, sex: 'male' },
    story: 'Right-sided low back pain since lifting heavy flower pots yesterday, worse bending; no fever, urine normal, no leg numbness or weakness.',
    yes: ['lift|twist|strain|bend|moving'], no: ['faint|fever|chills|no urine|nothing comes|waves|groin|red|pink|blood|burn|keep needing|vomit|unbearable|still so bad|one kidney|numb|weak|bladder|bowel|cancer|steroid|immune|night'], days: 1,
  },
  {
    id: 'v2_old_flu_copd_zh', expect: 'nonemergent', band: 'older', source: 'NICE CKS Influenza – seasonal (at-risk group: antivirals within 48 hours)',
    text: '发烧咳嗽浑身疼，我有慢阻肺', patient: { age_years: 72, sex: 'male' },
    story: 'Seventy-two-year-old with COPD: since yesterday 38.7 °C, aching all over, a dry cough (no coloured phlegm); breathing as usual for him, alert, drinking.',
    yes: ['fever|temperature|hot', 'ache|aching|muscle', 'cough', 'lung|copd|chronic|long-term', 'risk'], no: ['struggl|blue|drows|confus|stiff|rash|glass|travel|malaria|tick|immune|chemo|blood|chest pain|sentence|pain when|urine|belly|tummy|rest|fast|clammy|sharp|phlegm|yellow|green'],
    nums: { 'temperat|°': 38.7 }, days: 1,
  },
  {
    id: 'v2_ad_colic_vomiting', expect: 'emergent', band: 'adult', source: 'NICE CKS Renal or ureteric colic (unable to take oral fluids because of vomiting: admit)',
    text: 'kidney stone pain and I keep throwing up', patient: { age_years: 38, sex: 'male' },
    story: 'Left loin-to-groin colic since the night, vomited six times, cannot keep water down; no fever.',
    yes: ['waves|groin|one side', 'vomit|water|sick'], no: ['faint|fever|chills|shiver|no urine|nothing comes|one kidney|poorly'], days: 0.4,
  },
  {
    id: 'v2_ad_statin_cramps_zh', expect: 'nonemergent', band: 'adult', source: 'NICE CKS Lipid modification (statin muscle symptoms: check creatine kinase)',
    text: '吃降脂药后腿抽筋，肌肉酸痛', patient: { age_years: 58, sex: 'male' },
    story: 'Started a statin 3 weeks ago; since then aching thigh and calf muscles and cramps most nights; no dark urine, no weakness, no wound.',
    yes: ['leg|calf|thigh|cramp', 'medicine|statin|tablet|started', 'several times|sleep|night'], no: ['breath|whole body|drows|jaw|wound|fever|neck|face'], days: 21,
  },
  {
    id: 'v2_ad_rusty_nail', expect: 'nonemergent', band: 'adult', source: 'UKHSA Green Book ch. 30 Tetanus (tetanus-prone wound, last dose over 10 years ago: booster)',
    text: 'stepped on a rusty nail', patient: { age_years: 35, sex: 'male' },
    story: 'Stepped on a rusty nail in the garden this morning; a small puncture in the sole, bleeding stopped; last tetanus jab at school 20 years ago; no diabetes.',
    yes: ['rust|dirty|nail', 'tetanus|10 years'], no: ['heavy|spurting|not stopped|head|bone|shape|weight|deep|gaping|face|stuck|numb|move|red, hot|pus|fever|diabetes|week'], days: 0.2,
  },
  {
    id: 'v2_sch_sport_cramp_zh', expect: 'selfcare', band: 'school', source: 'NICE CKS Leg cramps (exercise-associated, resolved with stretching)',
    text: '孩子踢球时小腿抽筋了', patient: { age_years: 12, sex: 'male' },
    story: 'Twelve-year-old got a calf cramp during a football match; it eased after stretching; no injury, no wound, well.',
    yes: ['calf|leg|cramp'], no: ['breath|whole body|drows|jaw|wound|fever|medicine|several times|sleep'], days: 0.05,
  },
];

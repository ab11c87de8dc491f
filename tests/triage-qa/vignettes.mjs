// Independent vignette bank for the triage self-test, modelled on the kinds of cases in published
// standardized-patient sets (Semigran et al. BMJ 2015; Hill et al. MJA 2020; Schmieding et al. 2022).
// Written from the patient's side, before reading the protocols: each vignette is a story, a chief complaint
// as the patient would type it, and the facts the patient knows as plain-language concept patterns.
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
];

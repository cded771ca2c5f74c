import type { SelfCheckMessageKey } from './selfCheckQuestions.js';

/**
 * Proposed wording for the public self-check, to be merged into the i18n catalogues. Aimed at a
 * 6th–8th grade reading level: short sentences, everyday words, no blame. Spanish uses usted, like
 * the rest of the product, and names 988's Spanish option.
 */

const en: Record<SelfCheckMessageKey, string> = {
  'selfCheck.title': 'Is IOP right for me?',
  'selfCheck.intro':
    'Answer a few questions about your drinking or drug use and your life right now. It takes about 5 minutes. There are no right or wrong answers.',
  'selfCheck.privacy':
    'This check is anonymous. We do not save your answers. If you ask us to call you, we save only your name, phone number and how to reach you.',
  'selfCheck.multiple_hint': 'Choose all that apply.',
  'selfCheck.submit': 'See my result',
  'selfCheck.crisis.title': 'Please get help right now',
  'selfCheck.crisis.text':
    'You said you might be in danger. You deserve help right away. Call or text 988 to talk with someone now, day or night. If you or someone else could get hurt, call 911 or go to the nearest emergency room.',
  'selfCheck.always.crisis': 'If you are in crisis, call or text 988, or call 911.',
  'selfCheck.always.professional':
    'This check is a starting point. Talk with a professional to find the care that fits you best.',
  'selfCheck.always.not_a_diagnosis': 'This is not a diagnosis.',
  'selfCheck.callback.offer': 'Would you like someone from our team to call you?',
  'selfCheck.callback.consent':
    'If you ask for a call, we save only your name, phone number and how we may contact you, so our team can reach you. We do not save your answers.',

  'selfCheck.q.safety_now': 'Right now, are you in danger, or might you hurt yourself or someone else?',
  'selfCheck.q.safety_now.no': 'No',
  'selfCheck.q.safety_now.yes': 'Yes, or I am not sure',
  'selfCheck.q.main_substance': 'What do you use most?',
  'selfCheck.q.main_substance.alcohol': 'Alcohol',
  'selfCheck.q.main_substance.opioids': 'Opioids (like heroin, fentanyl or pain pills)',
  'selfCheck.q.main_substance.stimulants': 'Stimulants (like meth or cocaine)',
  'selfCheck.q.main_substance.cannabis': 'Cannabis (marijuana)',
  'selfCheck.q.main_substance.sedatives': 'Sedatives (like Xanax, Valium or sleeping pills)',
  'selfCheck.q.main_substance.other': 'Something else',
  'selfCheck.q.main_substance.several': 'More than one of these',
  'selfCheck.q.use_frequency': 'In the past month, how often did you drink or use?',
  'selfCheck.q.use_frequency.not_at_all': 'Not at all',
  'selfCheck.q.use_frequency.monthly_or_less': 'Once a month or less',
  'selfCheck.q.use_frequency.weekly': 'About once a week',
  'selfCheck.q.use_frequency.several_days_a_week': 'Several days a week',
  'selfCheck.q.use_frequency.daily': 'Every day or almost every day',
  'selfCheck.q.past_year_problems': 'In the past 12 months, which of these happened to you?',
  'selfCheck.q.past_year_problems.more_than_meant': 'I used more, or for longer, than I meant to.',
  'selfCheck.q.past_year_problems.cant_cut_down': "I wanted to cut down or stop, but I couldn't.",
  'selfCheck.q.past_year_problems.lots_of_time':
    'I spent a lot of time getting it, using it or getting over it.',
  'selfCheck.q.past_year_problems.cravings': 'I had strong urges to use.',
  'selfCheck.q.past_year_problems.missed_duties': 'Using got in the way of work, school or home.',
  'selfCheck.q.past_year_problems.relationship_trouble':
    'I kept using even though it caused trouble with people close to me.',
  'selfCheck.q.past_year_problems.gave_up_activities': 'I gave up things I used to enjoy.',
  'selfCheck.q.past_year_problems.risky_situations': 'I used when it was risky, like before driving.',
  'selfCheck.q.past_year_problems.kept_using_despite_harm':
    'I kept using even though it hurt my body or my mood.',
  'selfCheck.q.past_year_problems.need_more': 'I needed more to feel the same effect.',
  'selfCheck.q.past_year_problems.withdrawal':
    'I felt sick or shaky when I stopped, or I used so I would not feel that way.',
  'selfCheck.q.past_year_problems.none': 'None of these',
  'selfCheck.q.withdrawal': 'When you stop or cut down, what happens?',
  'selfCheck.q.withdrawal.none': 'Nothing much',
  'selfCheck.q.withdrawal.mild': "I feel a bit sick, shaky or sweaty, or I can't sleep",
  'selfCheck.q.withdrawal.severe': 'I get very sick: throwing up, strong shakes or a racing heart',
  'selfCheck.q.withdrawal.seizure_or_dts':
    'I have had a seizure, or seen or heard things that were not there',
  'selfCheck.q.health': 'How is your physical health?',
  'selfCheck.q.health.none': 'I have no health problems',
  'selfCheck.q.health.managed': 'I have health problems, but they are under control',
  'selfCheck.q.health.need_care': 'I have health problems that need care soon',
  'selfCheck.q.health.very_sick': 'I am very sick right now',
  'selfCheck.q.pregnant': 'Are you pregnant?',
  'selfCheck.q.pregnant.no': 'No, or this does not apply to me',
  'selfCheck.q.pregnant.yes': 'Yes',
  'selfCheck.q.pregnant.prefer_not_to_say': 'I would rather not say',
  'selfCheck.q.mood': 'In the past two weeks, how have you been feeling?',
  'selfCheck.q.mood.okay': 'Mostly okay',
  'selfCheck.q.mood.low_sometimes': 'Down or worried on some days',
  'selfCheck.q.mood.low_most_days': 'Down, worried or on edge most days',
  'selfCheck.q.mood.thoughts_of_death': 'I have had thoughts that I would be better off dead',
  'selfCheck.q.home': 'Is your home a good place to stay sober?',
  'selfCheck.q.home.safe': 'Yes, it is safe and calm',
  'selfCheck.q.home.others_use': 'People there drink or use drugs',
  'selfCheck.q.home.unsafe': 'I do not feel safe at home',
  'selfCheck.q.home.no_stable_home': 'I do not have a steady place to live',
  'selfCheck.q.support': 'Is there someone in your life who supports your recovery?',
  'selfCheck.q.support.yes': 'Yes',
  'selfCheck.q.support.some': 'Sort of',
  'selfCheck.q.support.no': 'No',
  'selfCheck.q.past_treatment': 'Have you had treatment for alcohol or drugs before?',
  'selfCheck.q.past_treatment.never': 'No',
  'selfCheck.q.past_treatment.yes_stayed_well': 'Yes, and I stayed sober for a good while',
  'selfCheck.q.past_treatment.yes_used_again': 'Yes, and I went back to using soon after',
  'selfCheck.q.readiness': 'How ready do you feel to make a change?',
  'selfCheck.q.readiness.ready': 'Ready',
  'selfCheck.q.readiness.unsure': 'Not sure',
  'selfCheck.q.readiness.not_ready': 'Not ready yet',
  'selfCheck.q.responsibilities': 'What do you need to keep up with during the week?',
  'selfCheck.q.responsibilities.work': 'A job',
  'selfCheck.q.responsibilities.school': 'School',
  'selfCheck.q.responsibilities.caregiving': 'Caring for children or family',
  'selfCheck.q.responsibilities.none': 'None of these',
  'selfCheck.q.schedule': 'When could you come to sessions?',
  'selfCheck.q.schedule.day': 'Daytime',
  'selfCheck.q.schedule.evening': 'Evenings',
  'selfCheck.q.schedule.either': 'Either is fine',
  'selfCheck.q.coverage': 'How would you pay for care?',
  'selfCheck.q.coverage.insurance': 'Health insurance from work or on my own',
  'selfCheck.q.coverage.medicaid': 'Medicaid or Medicare',
  'selfCheck.q.coverage.none': 'I have no insurance',
  'selfCheck.q.coverage.self_pay': 'I would pay myself',
  'selfCheck.q.coverage.not_sure': 'I am not sure',

  'selfCheck.likely.NONE':
    'From your answers, you may not need a treatment program right now. Learning more and talking with a professional can still help.',
  'selfCheck.likely.OP':
    'From your answers, outpatient care may fit you: a few hours a week with a counselor.',
  'selfCheck.likely.IOP':
    'From your answers, an intensive outpatient program (IOP) may fit you: about 9 to 19 hours a week of group and one-on-one sessions, while you live at home.',
  'selfCheck.likely.PHP':
    'From your answers, a day program (partial hospitalization) may fit you: 20 or more hours a week of treatment, and you sleep at home.',
  'selfCheck.likely.RES':
    'From your answers, residential care may fit you: you would live at a treatment center for a while, with support day and night.',
  'selfCheck.likely.INP':
    'From your answers, you may need care in a hospital, where doctors and nurses can keep you safe.',

  'selfCheck.reason.crisis':
    'You said you might be in danger. Please reach out now: call or text 988, or call 911.',
  'selfCheck.reason.few_problems': 'You named few problems from drinking or drug use.',
  'selfCheck.reason.problems_skipped':
    'You skipped the question about problems from drinking or drug use, so this result is less certain.',
  'selfCheck.reason.health_first':
    'You named few problems from use, but your answers about withdrawal, health or mood mean a professional should check on you soon.',
  'selfCheck.reason.problems_some': 'You named some problems from drinking or drug use.',
  'selfCheck.reason.problems_many': 'You named many problems from drinking or drug use.',
  'selfCheck.reason.use_often': 'You drink or use several days a week or more.',
  'selfCheck.reason.use_some': 'You drink or use now and then.',
  'selfCheck.reason.withdrawal_mild':
    'You feel a bit sick when you stop. A doctor or nurse can help with that.',
  'selfCheck.reason.withdrawal_severe':
    'You get very sick when you stop. Stopping safely may need medical care.',
  'selfCheck.reason.withdrawal_seizure':
    'You have had a seizure, or seen or heard things that were not there, when you stopped. Please do not stop suddenly on your own. Stopping safely needs medical care.',
  'selfCheck.reason.daily_alcohol_or_sedatives':
    'You drink or take sedatives every day. Stopping all at once can be dangerous, so a doctor or nurse should help.',
  'selfCheck.reason.health_managed': 'You have health problems that are under control.',
  'selfCheck.reason.health_need_care':
    'You have health problems that need care soon. A program can help you get it.',
  'selfCheck.reason.health_very_sick':
    'You said you are very sick right now. Please see a doctor soon. If it feels like an emergency, call 911.',
  'selfCheck.reason.pregnant':
    'Many programs see pregnant people sooner. Tell them you are pregnant when you call. Care helps you and your baby.',
  'selfCheck.reason.mood_low': 'You have felt down or worried on some days.',
  'selfCheck.reason.mood_low_most_days':
    'You have felt down, worried or on edge most days. Care for your mood can be part of treatment.',
  'selfCheck.reason.thoughts_of_death':
    'You have had thoughts that you would be better off dead. You are not alone. You can call or text 988 any time to talk with someone.',
  'selfCheck.reason.home_others_use':
    'People at home drink or use drugs, which can make staying sober harder.',
  'selfCheck.reason.home_unsafe':
    'Your home is not safe or steady right now. A program can help you find a safer place to stay.',
  'selfCheck.reason.support_some': 'You have some support from people in your life.',
  'selfCheck.reason.support_none':
    'You do not have someone supporting your recovery yet. Groups in a program can help you build support.',
  'selfCheck.reason.used_again':
    'You went back to using after treatment before. That happens to many people, and more support can help this time.',
  'selfCheck.reason.readiness_unsure': 'You are not sure you are ready to change. That is okay.',
  'selfCheck.reason.readiness_low':
    'You do not feel ready to change yet. That is okay. A counselor can help you think it through, with no pressure.',
  'selfCheck.reason.evening_track': 'Evening sessions can help you keep up with work, school or family.',
  'selfCheck.reason.day_track': 'You said daytime sessions work best for you.',
  'selfCheck.reason.time_away':
    'This kind of care means time away from work, school or caring for others. The program can help you plan for that.',
  'selfCheck.reason.check_coverage': 'The program can check what your insurance covers before you start.',
  'selfCheck.reason.no_coverage':
    'You do not have insurance. Ask about lower fees based on income, and about help signing up for coverage.',
  'selfCheck.reason.self_pay': 'If you pay yourself, ask about lower fees based on income.',
};

const es: Record<SelfCheckMessageKey, string> = {
  'selfCheck.title': '¿Es un programa intensivo ambulatorio (IOP) para mí?',
  'selfCheck.intro':
    'Responda unas preguntas sobre su consumo de alcohol o drogas y su vida ahora. Toma unos 5 minutos. No hay respuestas buenas ni malas.',
  'selfCheck.privacy':
    'Esta prueba es anónima. No guardamos sus respuestas. Si nos pide que le llamemos, solo guardamos su nombre, su número de teléfono y cómo comunicarnos con usted.',
  'selfCheck.multiple_hint': 'Elija todas las que correspondan.',
  'selfCheck.submit': 'Ver mi resultado',
  'selfCheck.crisis.title': 'Por favor, busque ayuda ahora mismo',
  'selfCheck.crisis.text':
    'Usted dijo que podría estar en peligro. Merece ayuda de inmediato. Llame o envíe un mensaje de texto al 988 para hablar con alguien ahora, de día o de noche (marque 2 para español). Si usted u otra persona podría salir lastimada, llame al 911 o vaya a la sala de emergencias más cercana.',
  'selfCheck.always.crisis':
    'Si está en crisis, llame o envíe un mensaje de texto al 988 (marque 2 para español), o llame al 911.',
  'selfCheck.always.professional':
    'Esta prueba es un punto de partida. Hable con un profesional para encontrar la atención que mejor le sirva.',
  'selfCheck.always.not_a_diagnosis': 'Esto no es un diagnóstico.',
  'selfCheck.callback.offer': '¿Quiere que alguien de nuestro equipo le llame?',
  'selfCheck.callback.consent':
    'Si pide una llamada, solo guardamos su nombre, su número de teléfono y cómo podemos comunicarnos con usted, para que nuestro equipo pueda llamarle. No guardamos sus respuestas.',

  'selfCheck.q.safety_now':
    'En este momento, ¿está en peligro o podría hacerse daño a sí mismo o a otra persona?',
  'selfCheck.q.safety_now.no': 'No',
  'selfCheck.q.safety_now.yes': 'Sí, o no estoy seguro(a)',
  'selfCheck.q.main_substance': '¿Qué consume más?',
  'selfCheck.q.main_substance.alcohol': 'Alcohol',
  'selfCheck.q.main_substance.opioids': 'Opioides (como heroína, fentanilo o pastillas para el dolor)',
  'selfCheck.q.main_substance.stimulants': 'Estimulantes (como metanfetamina o cocaína)',
  'selfCheck.q.main_substance.cannabis': 'Cannabis (marihuana)',
  'selfCheck.q.main_substance.sedatives': 'Sedantes (como Xanax, Valium o pastillas para dormir)',
  'selfCheck.q.main_substance.other': 'Otra cosa',
  'selfCheck.q.main_substance.several': 'Más de uno de estos',
  'selfCheck.q.use_frequency': 'En el último mes, ¿con qué frecuencia bebió o consumió?',
  'selfCheck.q.use_frequency.not_at_all': 'Nunca',
  'selfCheck.q.use_frequency.monthly_or_less': 'Una vez al mes o menos',
  'selfCheck.q.use_frequency.weekly': 'Más o menos una vez por semana',
  'selfCheck.q.use_frequency.several_days_a_week': 'Varios días por semana',
  'selfCheck.q.use_frequency.daily': 'Todos o casi todos los días',
  'selfCheck.q.past_year_problems': 'En los últimos 12 meses, ¿cuáles de estas cosas le pasaron?',
  'selfCheck.q.past_year_problems.more_than_meant': 'Consumí más, o por más tiempo, de lo que quería.',
  'selfCheck.q.past_year_problems.cant_cut_down': 'Quise consumir menos o dejarlo, pero no pude.',
  'selfCheck.q.past_year_problems.lots_of_time':
    'Pasé mucho tiempo consiguiendo, consumiendo o recuperándome.',
  'selfCheck.q.past_year_problems.cravings': 'Tuve ganas muy fuertes de consumir.',
  'selfCheck.q.past_year_problems.missed_duties': 'El consumo afectó mi trabajo, mis estudios o mi casa.',
  'selfCheck.q.past_year_problems.relationship_trouble':
    'Seguí consumiendo aunque me causó problemas con personas cercanas.',
  'selfCheck.q.past_year_problems.gave_up_activities': 'Dejé de hacer cosas que antes disfrutaba.',
  'selfCheck.q.past_year_problems.risky_situations': 'Consumí cuando era peligroso, como antes de manejar.',
  'selfCheck.q.past_year_problems.kept_using_despite_harm':
    'Seguí consumiendo aunque le hacía daño a mi cuerpo o a mi ánimo.',
  'selfCheck.q.past_year_problems.need_more': 'Necesité más para sentir el mismo efecto.',
  'selfCheck.q.past_year_problems.withdrawal':
    'Me sentí mal o tembloroso(a) al dejarlo, o consumí para no sentirme así.',
  'selfCheck.q.past_year_problems.none': 'Ninguna de estas',
  'selfCheck.q.withdrawal': 'Cuando deja de consumir o consume menos, ¿qué le pasa?',
  'selfCheck.q.withdrawal.none': 'Nada importante',
  'selfCheck.q.withdrawal.mild': 'Me siento un poco mal, tembloroso(a) o sudoroso(a), o no puedo dormir',
  'selfCheck.q.withdrawal.severe': 'Me pongo muy mal: vómitos, temblores fuertes o el corazón muy acelerado',
  'selfCheck.q.withdrawal.seizure_or_dts':
    'He tenido una convulsión, o he visto u oído cosas que no estaban ahí',
  'selfCheck.q.health': '¿Cómo está su salud física?',
  'selfCheck.q.health.none': 'No tengo problemas de salud',
  'selfCheck.q.health.managed': 'Tengo problemas de salud, pero están controlados',
  'selfCheck.q.health.need_care': 'Tengo problemas de salud que necesitan atención pronto',
  'selfCheck.q.health.very_sick': 'Estoy muy enfermo(a) ahora mismo',
  'selfCheck.q.pregnant': '¿Está embarazada?',
  'selfCheck.q.pregnant.no': 'No, o no aplica en mi caso',
  'selfCheck.q.pregnant.yes': 'Sí',
  'selfCheck.q.pregnant.prefer_not_to_say': 'Prefiero no decirlo',
  'selfCheck.q.mood': 'En las últimas dos semanas, ¿cómo se ha sentido?',
  'selfCheck.q.mood.okay': 'Bien, en general',
  'selfCheck.q.mood.low_sometimes': 'Triste o preocupado(a) algunos días',
  'selfCheck.q.mood.low_most_days': 'Triste, preocupado(a) o nervioso(a) la mayoría de los días',
  'selfCheck.q.mood.thoughts_of_death': 'He pensado que estaría mejor muerto(a)',
  'selfCheck.q.home': '¿Su casa es un buen lugar para mantenerse sobrio(a)?',
  'selfCheck.q.home.safe': 'Sí, es segura y tranquila',
  'selfCheck.q.home.others_use': 'Ahí hay personas que beben o usan drogas',
  'selfCheck.q.home.unsafe': 'No me siento seguro(a) en casa',
  'selfCheck.q.home.no_stable_home': 'No tengo un lugar fijo donde vivir',
  'selfCheck.q.support': '¿Hay alguien en su vida que apoye su recuperación?',
  'selfCheck.q.support.yes': 'Sí',
  'selfCheck.q.support.some': 'Más o menos',
  'selfCheck.q.support.no': 'No',
  'selfCheck.q.past_treatment': '¿Ha recibido tratamiento por alcohol o drogas antes?',
  'selfCheck.q.past_treatment.never': 'No',
  'selfCheck.q.past_treatment.yes_stayed_well': 'Sí, y me mantuve sobrio(a) por un buen tiempo',
  'selfCheck.q.past_treatment.yes_used_again': 'Sí, y volví a consumir poco después',
  'selfCheck.q.readiness': '¿Qué tan listo(a) se siente para hacer un cambio?',
  'selfCheck.q.readiness.ready': 'Listo(a)',
  'selfCheck.q.readiness.unsure': 'No estoy seguro(a)',
  'selfCheck.q.readiness.not_ready': 'Todavía no estoy listo(a)',
  'selfCheck.q.responsibilities': '¿Qué tiene que atender durante la semana?',
  'selfCheck.q.responsibilities.work': 'Un trabajo',
  'selfCheck.q.responsibilities.school': 'La escuela',
  'selfCheck.q.responsibilities.caregiving': 'Cuidar a hijos o familiares',
  'selfCheck.q.responsibilities.none': 'Ninguna de estas',
  'selfCheck.q.schedule': '¿Cuándo podría venir a las sesiones?',
  'selfCheck.q.schedule.day': 'De día',
  'selfCheck.q.schedule.evening': 'En la noche',
  'selfCheck.q.schedule.either': 'Cualquiera de los dos',
  'selfCheck.q.coverage': '¿Cómo pagaría la atención?',
  'selfCheck.q.coverage.insurance': 'Seguro médico del trabajo o propio',
  'selfCheck.q.coverage.medicaid': 'Medicaid o Medicare',
  'selfCheck.q.coverage.none': 'No tengo seguro',
  'selfCheck.q.coverage.self_pay': 'Pagaría yo mismo(a)',
  'selfCheck.q.coverage.not_sure': 'No estoy seguro(a)',

  'selfCheck.likely.NONE':
    'Según sus respuestas, puede que ahora no necesite un programa de tratamiento. Aun así, informarse y hablar con un profesional puede ayudarle.',
  'selfCheck.likely.OP':
    'Según sus respuestas, la atención ambulatoria podría ser para usted: unas pocas horas por semana con un consejero.',
  'selfCheck.likely.IOP':
    'Según sus respuestas, un programa intensivo ambulatorio (IOP) podría ser para usted: de 9 a 19 horas por semana de sesiones en grupo e individuales, mientras vive en su casa.',
  'selfCheck.likely.PHP':
    'Según sus respuestas, un programa de día (hospitalización parcial) podría ser para usted: 20 horas o más por semana de tratamiento, y duerme en su casa.',
  'selfCheck.likely.RES':
    'Según sus respuestas, la atención residencial podría ser para usted: viviría en un centro de tratamiento por un tiempo, con apoyo de día y de noche.',
  'selfCheck.likely.INP':
    'Según sus respuestas, podría necesitar atención en un hospital, donde médicos y enfermeras pueden cuidarle.',

  'selfCheck.reason.crisis':
    'Usted dijo que podría estar en peligro. Busque ayuda ahora: llame o envíe un mensaje de texto al 988, o llame al 911.',
  'selfCheck.reason.few_problems': 'Usted mencionó pocos problemas por beber o consumir drogas.',
  'selfCheck.reason.problems_skipped':
    'Usted no respondió la pregunta sobre problemas por el consumo, así que este resultado es menos seguro.',
  'selfCheck.reason.health_first':
    'Mencionó pocos problemas por el consumo, pero sus respuestas sobre la abstinencia, la salud o el ánimo indican que un profesional debe verle pronto.',
  'selfCheck.reason.problems_some': 'Usted mencionó algunos problemas por beber o consumir drogas.',
  'selfCheck.reason.problems_many': 'Usted mencionó muchos problemas por beber o consumir drogas.',
  'selfCheck.reason.use_often': 'Usted bebe o consume varios días por semana o más.',
  'selfCheck.reason.use_some': 'Usted bebe o consume de vez en cuando.',
  'selfCheck.reason.withdrawal_mild':
    'Se siente un poco mal cuando lo deja. Un médico o una enfermera le puede ayudar con eso.',
  'selfCheck.reason.withdrawal_severe':
    'Se pone muy mal cuando lo deja. Para dejarlo de forma segura puede necesitar atención médica.',
  'selfCheck.reason.withdrawal_seizure':
    'Ha tenido una convulsión, o ha visto u oído cosas que no estaban ahí, al dejarlo. Por favor, no lo deje de golpe por su cuenta. Para dejarlo de forma segura necesita atención médica.',
  'selfCheck.reason.daily_alcohol_or_sedatives':
    'Usted bebe o toma sedantes todos los días. Dejarlo de golpe puede ser peligroso, así que un médico o una enfermera debe ayudarle.',
  'selfCheck.reason.health_managed': 'Tiene problemas de salud que están controlados.',
  'selfCheck.reason.health_need_care':
    'Tiene problemas de salud que necesitan atención pronto. Un programa le puede ayudar a recibirla.',
  'selfCheck.reason.health_very_sick':
    'Dijo que está muy enfermo(a) ahora. Por favor, vea a un médico pronto. Si parece una emergencia, llame al 911.',
  'selfCheck.reason.pregnant':
    'Muchos programas atienden antes a las personas embarazadas. Dígales que está embarazada cuando llame. La atención le ayuda a usted y a su bebé.',
  'selfCheck.reason.mood_low': 'Se ha sentido triste o preocupado(a) algunos días.',
  'selfCheck.reason.mood_low_most_days':
    'Se ha sentido triste, preocupado(a) o nervioso(a) la mayoría de los días. El tratamiento también puede cuidar su ánimo.',
  'selfCheck.reason.thoughts_of_death':
    'Ha pensado que estaría mejor muerto(a). No está solo(a). Puede llamar o enviar un mensaje de texto al 988 a cualquier hora para hablar con alguien (marque 2 para español).',
  'selfCheck.reason.home_others_use':
    'En su casa hay personas que beben o usan drogas, y eso puede hacer más difícil mantenerse sobrio(a).',
  'selfCheck.reason.home_unsafe':
    'Su casa no es segura o estable ahora. Un programa le puede ayudar a encontrar un lugar más seguro.',
  'selfCheck.reason.support_some': 'Tiene algo de apoyo de personas en su vida.',
  'selfCheck.reason.support_none':
    'Todavía no tiene a alguien que apoye su recuperación. Los grupos de un programa le pueden ayudar a encontrar apoyo.',
  'selfCheck.reason.used_again':
    'Volvió a consumir después de un tratamiento. Eso le pasa a mucha gente, y más apoyo puede ayudar esta vez.',
  'selfCheck.reason.readiness_unsure': 'No está seguro(a) de estar listo(a) para cambiar. Está bien.',
  'selfCheck.reason.readiness_low':
    'Todavía no se siente listo(a) para cambiar. Está bien. Un consejero le puede ayudar a pensarlo, sin presión.',
  'selfCheck.reason.evening_track':
    'Las sesiones en la noche le pueden ayudar a cumplir con el trabajo, la escuela o la familia.',
  'selfCheck.reason.day_track': 'Dijo que las sesiones de día le funcionan mejor.',
  'selfCheck.reason.time_away':
    'Este tipo de atención requiere tiempo lejos del trabajo, la escuela o el cuidado de otras personas. El programa le puede ayudar a planearlo.',
  'selfCheck.reason.check_coverage': 'El programa puede revisar qué cubre su seguro antes de empezar.',
  'selfCheck.reason.no_coverage':
    'No tiene seguro. Pregunte por tarifas más bajas según sus ingresos y por ayuda para inscribirse en un seguro.',
  'selfCheck.reason.self_pay': 'Si paga usted mismo(a), pregunte por tarifas más bajas según sus ingresos.',
};

export const selfCheckMessages: Readonly<{
  en: Readonly<Record<SelfCheckMessageKey, string>>;
  es: Readonly<Record<SelfCheckMessageKey, string>>;
}> = { en, es };

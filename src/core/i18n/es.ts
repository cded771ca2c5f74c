import type { Catalogue } from './en.js';

/** Spanish messages: plain, usted form, the same keys and parameters as en.ts. */
export const es = {
  'app.name': 'OpenIOP',
  'language.label': 'Idioma',
  'language.en': 'English',
  'language.es': 'Español',

  'signIn.title': 'Iniciar sesión',
  'signIn.intro': 'Inicie sesión con su correo electrónico y su contraseña.',
  'signIn.email': 'Correo electrónico',
  'signIn.password': 'Contraseña',
  'signIn.togglePassword': 'Mostrar u ocultar los caracteres',
  'signIn.submit': 'Iniciar sesión',
  'signIn.back': 'Volver',
  'signIn.working': 'Iniciando sesión…',
  'signIn.sessionEnded': 'Su sesión terminó. Vuelva a iniciar sesión.',
  'signIn.idle': 'Cerramos su sesión porque no hubo actividad por un tiempo. Vuelva a iniciar sesión.',
  'signIn.signedOut': 'Cerró su sesión.',
  'signIn.totp.title': 'Escriba su código',
  'signIn.totp.help':
    'Abra su aplicación de autenticación y escriba el código de 6 dígitos que muestra para {app}.',
  'signIn.totp.label': 'Código de 6 dígitos',
  'signIn.totp.invalidFormat': 'Escriba los 6 dígitos que muestra su aplicación de autenticación.',
  'signIn.totp.submit': 'Verificar',
  'signIn.enrol.title': 'Configure el inicio de sesión en dos pasos',
  'signIn.enrol.intro':
    'Su cuenta necesita una aplicación de autenticación. Agregue su cuenta a la aplicación con la clave o el enlace de configuración que aparecen abajo y luego escriba el código de 6 dígitos que muestra la aplicación.',
  'signIn.enrol.secret': 'Clave de configuración',
  'signIn.enrol.uri': 'Enlace de configuración',
  'signIn.enrol.copy': 'Copiar',
  'signIn.enrol.copied': 'Copiado',

  'crisis.region': 'Recursos para crisis',
  'crisis.heading': '¿Necesita ayuda ahora?',
  'crisis.text':
    'Si está en crisis, llame o envíe un mensaje de texto al 988 (Línea de Prevención del Suicidio y Crisis; marque 2 para español) o llame al 911.',
  'crisis.call988': 'Llamar al 988',
  'crisis.text988': 'Enviar texto al 988',
  'crisis.call911': 'Llamar al 911',
} as const satisfies Catalogue;

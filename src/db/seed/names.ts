/**
 * Name parts for synthetic patients: common given names and surnames combined at random, so any
 * resemblance to a real person is coincidence.
 */
const words = (text: string): readonly string[] => text.trim().split(/\s+/);

export const FEMALE_GIVEN_NAMES = words(`
  Abigail Amber Angela Ashley Brianna Brittany Caitlin Carla Chelsea Crystal Danielle Denise Erin Felicia
  Gloria Hannah Heather Jasmine Jennifer Jessica Kayla Kelly Kimberly Lauren Leah Megan Melissa Michelle
  Monica Nicole Paige Rachel Renee Samantha Shannon Stephanie Tara Tiffany Vanessa Whitney`);

export const MALE_GIVEN_NAMES = words(`
  Aaron Andre Anthony Brandon Brian Caleb Cody Corey Darnell Derek Dustin Eric Ethan Gary Gregory Jamal
  Jared Jason Jeffrey Jeremy Joshua Justin Keith Kevin Kyle Malik Matthew Nathan Patrick Raymond Ryan
  Scott Shawn Terrence Travis Trevor Tyler Victor Wesley Zachary`);

export const SPANISH_FEMALE_GIVEN_NAMES = words(`
  Adriana Alejandra Beatriz Carmen Daniela Elena Guadalupe Isabel Lucía Marisol Paola Rosa Ximena Yesenia`);

export const SPANISH_MALE_GIVEN_NAMES = words(`
  Alejandro Andrés Carlos Diego Eduardo Fernando Héctor Javier Jorge Luis Miguel Raúl Santiago Tomás`);

export const SURNAMES = words(`
  Abbott Barnes Bennett Bishop Boyd Bradley Burke Caldwell Carver Chambers Coleman Crawford Dawson Dixon
  Donovan Duncan Ellis Fleming Fletcher Foster Gallagher Garrison Gibbs Graves Hale Harmon Hayes Holloway
  Hudson Ingram Jennings Kemp Lambert Lawson Lindqvist Lowe Maddox Marsh McBride Mercer Nolan Norris
  Osborne Pace Parrish Pham Quinlan Ramsey Reeves Sampson Shepherd Sloan Stanton Sutton Thornton Tran
  Vaughn Walsh Whitaker Yates`);

export const SPANISH_SURNAMES = words(`
  Aguilar Alvarado Cabrera Castillo Delgado Espinoza Fuentes Guerrero Ibarra Medina Navarro Ortega
  Quintero Salazar Valencia Zamora`);

/** Short forms people ask to be called by. */
export const PREFERRED_NAMES: Readonly<Record<string, string>> = {
  Abigail: 'Abby',
  Anthony: 'Tony',
  Gregory: 'Greg',
  Jennifer: 'Jen',
  Jeffrey: 'Jeff',
  Kimberly: 'Kim',
  Matthew: 'Matt',
  Nathan: 'Nate',
  Samantha: 'Sam',
  Zachary: 'Zach',
  Alejandro: 'Alex',
  Guadalupe: 'Lupe',
  Eduardo: 'Lalo',
};

export const STREET_NAMES = words(`
  Maple_Ave Orchard_St Willow_Ln Cedar_Ct Riverside_Dr Hillcrest_Rd Elm_St Juniper_Way Lakeview_Ter
  Sycamore_Pl Birch_Rd Meadow_Ln`).map((s) => s.replace('_', ' '));

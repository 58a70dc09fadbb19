"""First names with a usual gender, for resolving "he" and "she" between two speakers.

Only a hint: an unknown name is compatible with any pronoun, and an explicit honorific (Mr,
Mrs, Ms) or an earlier pronoun for the same person wins. The lists are common given names
across English-language news; they are not a claim about any person's gender.
"""

from __future__ import annotations


def _names(text: str) -> frozenset[str]:
    return frozenset(text.lower().split())


FEMALE: frozenset[str] = _names(
    """
    Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Nancy Lisa Betty
    Margaret Sandra Ashley Kimberly Emily Donna Michelle Dorothy Carol Amanda Melissa Deborah
    Stephanie Rebecca Sharon Laura Cynthia Kathleen Amy Angela Shirley Anna Brenda Pamela Emma
    Nicole Helen Samantha Katherine Christine Debra Rachel Carolyn Janet Catherine Maria Heather
    Diane Ruth Julie Olivia Joyce Virginia Victoria Kelly Lauren Christina Joan Evelyn Judith
    Megan Andrea Cheryl Hannah Jacqueline Martha Gloria Teresa Ann Sara Madison Frances Kathryn
    Janice Jean Abigail Alice Judy Sophia Grace Denise Amber Doris Marilyn Danielle Beverly
    Isabella Theresa Diana Natalie Brittany Charlotte Marie Kayla Alexis Lori Helene Hélène
    Lorraine Fiona Joanna Sunita Priya Anjali Ingrid Astrid Sofia Elena Irina Olga Natasha Ayesha
    Fatima Aisha Leila Yasmin Mei Yuki Keiko Ana Lucia Carmen Isabel Claire Chloe Lucy Zoe
    Margit Hilde Greta Annika Freya Nadia Amira Noura Rania Chiara Giulia Francesca Paola Ines
    Camille Amelie Brigitte Monique Sylvie Nathalie Agnes Ewa Katarzyna Magdalena Zsofia Ilse
    Adaeze Chioma Ngozi Amara Folake Wanjiru Thandiwe Nomvula Deepa Kavita Meera Lakshmi Rekha
    Siobhan Niamh Aoife Maeve Sinead Bridget Eileen Moira Morag Kirsty Gwen Rhian Carys Sian
    Hillary Loretta Chelsea Jill Tina Melanie Melania Ivanka Ivana Kellyanne Huma Megyn Tammy
    Debbie Elaine Valerie Kate Jane Liz Beth Sue Lily Jo-Renee Janet Condoleezza Madeleine
    Mildred Rose Kathy Irene Louise Anne Wanda Bonnie Julia Ruby Lois Phyllis Norma Paula Annie
    Lillian Peggy Gladys Rita Connie Florence Edna Tiffany Rosa Cindy Wendy Edith Sherry Sylvia
    Josephine Thelma Sheila Ethel Ellen Marjorie Carrie Monica Esther Pauline Juanita Anita Rhonda
    Hazel Eva Clara Lucille Joanne Eleanor Alicia Suzanne Michele Gail Bertha Darlene Veronica
    Geraldine Cathy Joann Sally Regina Erica Beatrice Dolores Bernice Audrey Yvonne Annette Stacy
    Renee Ida Vivian Roberta Holly Yolanda Jeanette Laurie Katie Kristen Vanessa Alma Elsie Jeanne
    Celia Marta Dora
    """
)

MALE: frozenset[str] = _names(
    """
    James Robert John Michael David William Richard Joseph Thomas Charles Christopher Daniel
    Matthew Anthony Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy
    Ronald Edward Jason Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin
    Scott Brandon Benjamin Samuel Gregory Alexander Frank Patrick Raymond Jack Dennis Jerry
    Tyler Aaron Jose Adam Nathan Henry Douglas Zachary Peter Kyle Ethan Walter Noah Jeremy
    Christian Keith Roger Terry Gerald Harold Sean Austin Carl Arthur Lawrence Dylan Jesse
    Jordan Bryan Billy Joe Bruce Gabriel Logan Albert Willie Alan Juan Wayne Elijah Randy Roy
    Vincent Ralph Eugene Russell Bobby Mason Philip Louis Elias Teodor Marko Ivan Dmitri Sergei
    Igor Pavel Luca Marco Giovanni Pierre Jean-Pierre Hans Klaus Jurgen Lars Anders Erik Sven
    Ahmed Mohammed Muhammad Ali Omar Hassan Hussein Karim Tariq Yusuf Ibrahim Rajesh Rahul Arjun
    Vikram Sanjay Amit Ravi Suresh Anil Hiroshi Kenji Takeshi Wei Jun Chen Carlos Miguel Luis
    Jorge Pedro Diego Rafael Antonio Manuel Francisco Emeka Chinedu Kwame Kofi Tunde Oluwaseun
    Sipho Thabo Tendai Liam Connor Cian Declan Fergus Hamish Angus Rhys Gareth Dafydd Owen
    Milos Goran Dragan Nikola Stefan Tomas Jakub Piotr Andrzej Bogdan Matteo Lorenzo
    Abbas Masoud Hamid Reza Mehdi Daniel Beau Harvey Bill
    Barack Chris Mike Ted Tom Tim Bob Ben Dan Jon Rob Matt Nick Steve Josh Jeb Rand Newt Bernie
    Mitt Jim Jake Ed Al Harry Rudy Trey Rush Len Reince Hank Chuck Ron Rick Vladimir Martin Ray
    Howard Fred Kurt
    """
)

#: Honorifics that state a gender outright.
FEMALE_TITLES: frozenset[str] = _names("Mrs Mrs. Ms Ms. Miss Madam Dame Lady Queen Princess")
MALE_TITLES: frozenset[str] = _names("Mr Mr. Sir Lord King Prince Father Brother Ayatollah Sheikh")

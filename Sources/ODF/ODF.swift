import Markup
